package io.ferstream.model.eval;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured for one classifier on one labelled set. The per-example {@link #truth()} and
 * {@link #predicted()} arrays are kept so that two results on the same examples can be compared with McNemar's
 * test ({@link #compareWith}).
 *
 * @param name        classifier name ("ensemble", a member name, a release id...)
 * @param classNames  class names, index = class
 * @param accuracy    fraction correct
 * @param macroF1     macro-averaged F1 (see {@link Metrics})
 * @param perClass    per-class precision/recall/F1/support
 * @param confusion   confusion matrix (rows = truth)
 * @param calibration ECE and reliability bins of the top-class confidence
 * @param truth       true class of every example, in input order
 * @param predicted   predicted class of every example, in input order
 * @param members     for an ensemble, each member alone against the ensemble; else empty
 * @param seconds     wall-clock seconds spent predicting (0 if unknown)
 */
public record EvaluationResult(String name, List<String> classNames, double accuracy, double macroF1,
                               List<ClassMetrics> perClass, ConfusionMatrix confusion,
                               CalibrationResult calibration, int[] truth, int[] predicted,
                               List<MemberComparison> members, double seconds) {

    public EvaluationResult {
        Objects.requireNonNull(name, "name");
        classNames = List.copyOf(classNames);
        perClass = List.copyOf(perClass);
        members = List.copyOf(members);
    }

    /**
     * Scores predictions that already exist (e.g. the classifier stream's outputs replayed from Kafka).
     *
     * @param probs one probability row per example; the prediction is the arg-max
     */
    public static EvaluationResult of(String name, List<String> classNames, int[] truth, float[][] probs,
                                      int calibrationBins, double seconds) {
        if (probs.length != truth.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + probs.length + " probability rows");
        }
        int[] predicted = Metrics.argmax(probs);
        ConfusionMatrix cm = ConfusionMatrix.of(truth, predicted, classNames.size());
        List<ClassMetrics> perClass = Metrics.perClass(cm, classNames);
        return new EvaluationResult(name, classNames, Metrics.accuracy(cm), Metrics.macroF1(perClass), perClass, cm,
                Calibration.of(truth, probs, calibrationBins), truth.clone(), predicted, List.of(), seconds);
    }

    /** Number of examples. */
    public int examples() {
        return truth.length;
    }

    /** Examples per second of prediction, or 0 if the time is unknown. */
    public double examplesPerSecond() {
        return seconds > 0 ? truth.length / seconds : 0;
    }

    /** Macro-averaged recall (balanced accuracy). */
    public double macroRecall() {
        return Metrics.macroRecall(perClass);
    }

    /** A copy with the given member comparisons. */
    public EvaluationResult withMembers(List<MemberComparison> newMembers) {
        return new EvaluationResult(name, classNames, accuracy, macroF1, perClass, confusion, calibration, truth,
                predicted, newMembers, seconds);
    }

    /**
     * McNemar's test with A = this classifier and B = {@code other}, which must have been evaluated on the same
     * examples in the same order.
     *
     * @throws IllegalArgumentException if the two results are not on the same examples
     */
    public McNemarResult compareWith(EvaluationResult other) {
        if (!java.util.Arrays.equals(truth, other.truth)) {
            throw new IllegalArgumentException("'" + name + "' and '" + other.name
                    + "' were not evaluated on the same examples in the same order");
        }
        return McNemar.test(truth, predicted, other.predicted);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EvaluationResult[%s: n=%d, accuracy=%.4f, macroF1=%.4f, ece=%.4f, members=%d]",
                name, truth.length, accuracy, macroF1, calibration.ece(), members.size());
    }
}
