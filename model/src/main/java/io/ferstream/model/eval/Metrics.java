package io.ferstream.model.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Classification metrics from true and predicted class indices. Pure Java, no ND4J.
 *
 * <p>Conventions (the same as scikit-learn with {@code zero_division=0}):
 * <ul>
 *   <li>precision of a class that was never predicted is 0;</li>
 *   <li>recall of a class with no examples is 0;</li>
 *   <li>F1 is 0 when precision + recall is 0;</li>
 *   <li>macro-F1 is the unweighted mean of the per-class F1 over the classes that occur in the truth <em>or</em> in
 *       the predictions; a class absent from both (possible with a small {@code --limit}) is left out rather than
 *       counted as F1 = 0.</li>
 * </ul>
 * Empty input is an error ({@link IllegalArgumentException}), never a silent NaN.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Fraction of examples with {@code predicted[i] == truth[i]}. */
    public static double accuracy(int[] truth, int[] predicted) {
        checkSameLength(truth, predicted);
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    /** Accuracy of a confusion matrix: trace / total. */
    public static double accuracy(ConfusionMatrix cm) {
        long total = cm.total();
        if (total == 0) {
            throw new IllegalArgumentException("accuracy of an empty confusion matrix is undefined");
        }
        return (double) cm.correct() / total;
    }

    /** Per-class precision, recall, F1 and support, with class names {@code "0".."k-1"}. */
    public static List<ClassMetrics> perClass(ConfusionMatrix cm) {
        return perClass(cm, null);
    }

    /**
     * Per-class precision, recall, F1 and support.
     *
     * @param classNames names for the classes, or {@code null} for their indices
     */
    public static List<ClassMetrics> perClass(ConfusionMatrix cm, List<String> classNames) {
        int k = cm.numClasses();
        if (classNames != null && classNames.size() != k) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + k + " classes");
        }
        List<ClassMetrics> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int tp = cm.count(c, c);
            int support = cm.rowTotal(c);
            int predicted = cm.columnTotal(c);
            double precision = predicted == 0 ? 0.0 : (double) tp / predicted;
            double recall = support == 0 ? 0.0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            out.add(new ClassMetrics(c, classNames == null ? Integer.toString(c) : classNames.get(c), precision,
                    recall, f1, support, predicted));
        }
        return out;
    }

    /** Macro-averaged F1 over the classes present in the truth or the predictions (see the class comment). */
    public static double macroF1(ConfusionMatrix cm) {
        return macroF1(perClass(cm));
    }

    /** Macro-averaged F1 over the classes with {@code support > 0 || predicted > 0}. */
    public static double macroF1(List<ClassMetrics> perClass) {
        double sum = 0;
        int n = 0;
        for (ClassMetrics m : perClass) {
            if (m.support() > 0 || m.predicted() > 0) {
                sum += m.f1();
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("macro-F1 of an empty confusion matrix is undefined");
        }
        return sum / n;
    }

    /** Macro-averaged recall (balanced accuracy) over the classes that have examples. */
    public static double macroRecall(List<ClassMetrics> perClass) {
        double sum = 0;
        int n = 0;
        for (ClassMetrics m : perClass) {
            if (m.support() > 0) {
                sum += m.recall();
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("macro-recall of an empty confusion matrix is undefined");
        }
        return sum / n;
    }

    /** Index of the largest value; ties go to the lowest index. */
    public static int argmax(float[] probs) {
        if (probs == null || probs.length == 0) {
            throw new IllegalArgumentException("argmax of an empty vector");
        }
        int best = 0;
        for (int i = 1; i < probs.length; i++) {
            if (probs[i] > probs[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Row-wise {@link #argmax(float[])}. */
    public static int[] argmax(float[][] probs) {
        int[] out = new int[probs.length];
        for (int i = 0; i < probs.length; i++) {
            out[i] = argmax(probs[i]);
        }
        return out;
    }

    static void checkSameLength(int[] truth, int[] predicted) {
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException("truth and predictions must not be null");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels but there are "
                    + predicted.length + " predictions");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no examples: metrics of an empty set are undefined");
        }
    }

    static void checkLabels(int[] truth, int[] predicted, int numClasses) {
        checkSameLength(truth, predicted);
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, was " + numClasses);
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= numClasses) {
                throw new IllegalArgumentException("true label " + truth[i] + " at " + i + " is outside [0, "
                        + numClasses + ")");
            }
            if (predicted[i] < 0 || predicted[i] >= numClasses) {
                throw new IllegalArgumentException("predicted label " + predicted[i] + " at " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
    }
}
