package io.ferstream.model.arch;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A named network architecture: input [N,1,48,48] (NCHW, FLOAT), output softmax over the 6 classes.
 * Implementations are stateless; {@link #configuration} is deterministic for a given seed.
 */
public interface Architecture {

    /** Registry name, e.g. {@code ref4}. */
    String name();

    /** One line: layers, padding, regularisation. */
    String description();

    /** Approximate multiply-accumulates of one forward pass per image (for throughput estimates). */
    long forwardMacs();

    /** The default learning rate of Adam for this architecture. */
    double defaultLearningRate();

    /** The network configuration with the given seed (weight init, dropout masks) and updater. */
    MultiLayerConfiguration configuration(long seed, IUpdater updater);
}
