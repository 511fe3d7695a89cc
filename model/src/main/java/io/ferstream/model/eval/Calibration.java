package io.ferstream.model.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error and reliability-diagram bins (Guo et al., "On Calibration of Modern Neural Networks",
 * 2017). The confidence of an example is its largest class probability and its prediction the arg-max (ties to the
 * lowest index). Bins are {@code numBins} equal-width intervals [i/B, (i+1)/B); the last one also holds 1.0.
 */
public final class Calibration {

    /** The default number of bins (15, as in Guo et al.). */
    public static final int DEFAULT_BINS = 15;

    private Calibration() {
    }

    /** Calibration from true labels and per-class probabilities ({@code probs[i]} is example i's distribution). */
    public static CalibrationResult of(int[] truth, float[][] probs, int numBins) {
        if (probs == null || truth == null) {
            throw new IllegalArgumentException("truth and probabilities must not be null");
        }
        if (truth.length != probs.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels but there are "
                    + probs.length + " probability rows");
        }
        double[] confidence = new double[probs.length];
        boolean[] correct = new boolean[probs.length];
        for (int i = 0; i < probs.length; i++) {
            int p = Metrics.argmax(probs[i]);
            confidence[i] = probs[i][p];
            correct[i] = p == truth[i];
        }
        return of(confidence, correct, numBins);
    }

    /**
     * Calibration from each example's confidence (in [0, 1]) and whether its prediction was right.
     *
     * @throws IllegalArgumentException on empty input, a confidence outside [0, 1] or NaN, or {@code numBins < 1}
     */
    public static CalibrationResult of(double[] confidence, boolean[] correct, int numBins) {
        if (numBins < 1) {
            throw new IllegalArgumentException("numBins must be >= 1, was " + numBins);
        }
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(confidence.length + " confidences but " + correct.length
                    + " correctness flags");
        }
        if (confidence.length == 0) {
            throw new IllegalArgumentException("no examples: calibration of an empty set is undefined");
        }
        int[] count = new int[numBins];
        double[] confSum = new double[numBins];
        int[] correctCount = new int[numBins];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0.0 && c <= 1.0)) {
                throw new IllegalArgumentException("confidence " + c + " at " + i + " is outside [0, 1]");
            }
            int b = bin(c, numBins);
            count[b]++;
            confSum[b] += c;
            if (correct[i]) {
                correctCount[b]++;
            }
        }
        List<ReliabilityBin> bins = new ArrayList<>(numBins);
        double ece = 0;
        double mce = 0;
        int n = confidence.length;
        for (int b = 0; b < numBins; b++) {
            double meanConf = count[b] == 0 ? 0 : confSum[b] / count[b];
            double acc = count[b] == 0 ? 0 : (double) correctCount[b] / count[b];
            ReliabilityBin bin = new ReliabilityBin((double) b / numBins, (double) (b + 1) / numBins, count[b],
                    meanConf, acc);
            bins.add(bin);
            if (count[b] > 0) {
                ece += (double) count[b] / n * bin.gap();
                mce = Math.max(mce, bin.gap());
            }
        }
        return new CalibrationResult(ece, mce, bins);
    }

    /** The bin of a confidence: floor(c * B), with 1.0 going to the last bin. */
    static int bin(double confidence, int numBins) {
        return Math.min(numBins - 1, (int) Math.floor(confidence * numBins));
    }
}
