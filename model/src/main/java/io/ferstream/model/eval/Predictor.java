package io.ferstream.model.eval;

/**
 * Anything that turns a batch of face crops into class probabilities: a single network, an ensemble, or a
 * remote/streamed classifier during replay evaluation.
 */
@FunctionalInterface
public interface Predictor {

    /**
     * @param crops a batch of crops, each 48x48 = 2304 unsigned grayscale bytes, row-major
     * @return one probability row per crop, {@code result[i].length} = number of classes
     */
    float[][] predict(byte[][] crops);
}
