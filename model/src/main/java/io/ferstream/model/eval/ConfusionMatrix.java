package io.ferstream.model.eval;

import java.util.Arrays;

/**
 * A confusion matrix: {@code counts[t][p]} is the number of examples whose true class is {@code t} and whose
 * predicted class is {@code p} (rows are the truth, columns the prediction, as in scikit-learn).
 * Immutable; the accessors return copies.
 */
public final class ConfusionMatrix {

    private final int[][] counts;

    /** @param counts a square matrix of non-negative counts (copied) */
    public ConfusionMatrix(int[][] counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        int k = counts.length;
        this.counts = new int[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("confusion matrix must be square: row " + t + " has "
                        + counts[t].length + " columns, expected " + k);
            }
            for (int c : counts[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("negative count " + c + " in row " + t);
                }
            }
            this.counts[t] = counts[t].clone();
        }
    }

    /**
     * Counts the pairs (truth[i], predicted[i]).
     *
     * @throws IllegalArgumentException on empty input, arrays of different length or a label outside [0, numClasses)
     */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int numClasses) {
        Metrics.checkLabels(truth, predicted, numClasses);
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < truth.length; i++) {
            m[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(m);
    }

    public int numClasses() {
        return counts.length;
    }

    /** Number of examples with true class {@code t} and predicted class {@code p}. */
    public int count(int t, int p) {
        return counts[t][p];
    }

    /** A copy of the counts, rows = true class, columns = predicted class. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** Total number of examples. */
    public long total() {
        long n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Number of examples whose true class is {@code t} (the support of {@code t}). */
    public int rowTotal(int t) {
        return Arrays.stream(counts[t]).sum();
    }

    /** Number of examples predicted as class {@code p}. */
    public int columnTotal(int p) {
        int n = 0;
        for (int[] row : counts) {
            n += row[p];
        }
        return n;
    }

    /** Number of correctly classified examples (the trace). */
    public long correct() {
        long n = 0;
        for (int t = 0; t < counts.length; t++) {
            n += counts[t][t];
        }
        return n;
    }

    /**
     * Row-normalised matrix: {@code counts[t][p] / rowTotal(t)}, i.e. row {@code t} holds the distribution of the
     * predictions for true class {@code t} and its diagonal entry is the recall of {@code t}. A class with no
     * examples (row total 0) gets a row of zeros.
     */
    public double[][] rowNormalised() {
        int k = counts.length;
        double[][] out = new double[k][k];
        for (int t = 0; t < k; t++) {
            int total = rowTotal(t);
            if (total == 0) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                out[t][p] = (double) counts[t][p] / total;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(counts);
    }
}
