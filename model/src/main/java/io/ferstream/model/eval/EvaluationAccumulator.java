package io.ferstream.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects (true label, probabilities) pairs one at a time, e.g. while consuming records from Kafka, and turns
 * them into an {@link EvaluationResult}. Not thread-safe.
 */
public final class EvaluationAccumulator {

    private final String name;
    private final List<String> classNames;
    private final int calibrationBins;
    private int[] truth = new int[1024];
    private final List<float[]> probs = new ArrayList<>();
    private long nanos;

    public EvaluationAccumulator(String name, List<String> classNames, int calibrationBins) {
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.calibrationBins = calibrationBins;
    }

    /** Adds one example. */
    public void add(int label, float[] probabilities) {
        if (label < 0 || label >= classNames.size()) {
            throw new IllegalArgumentException("label " + label + " is outside [0, " + classNames.size() + ")");
        }
        if (probabilities.length != classNames.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + classNames.size()
                    + " classes");
        }
        int n = probs.size();
        if (n == truth.length) {
            truth = Arrays.copyOf(truth, n * 2);
        }
        truth[n] = label;
        probs.add(probabilities);
    }

    /** Adds a batch: {@code labels[i]} with {@code probabilities[i]}. */
    public void addAll(int[] labels, float[][] probabilities) {
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            add(labels[i], probabilities[i]);
        }
    }

    /** Adds prediction time, for the throughput figure. */
    public void addNanos(long elapsed) {
        nanos += elapsed;
    }

    /** Number of examples so far. */
    public int size() {
        return probs.size();
    }

    /**
     * The result so far.
     *
     * @throws IllegalArgumentException if nothing was added
     */
    public EvaluationResult result() {
        if (probs.isEmpty()) {
            throw new IllegalArgumentException("no examples: nothing to evaluate for '" + name + "'");
        }
        return EvaluationResult.of(name, classNames, Arrays.copyOf(truth, probs.size()),
                probs.toArray(new float[0][]), calibrationBins, nanos / 1e9);
    }
}
