package io.ferstream.model.eval;

/**
 * One class's scores.
 *
 * @param index     class index
 * @param name      class name
 * @param precision TP / (TP + FP); <b>0 when the class was never predicted</b> (TP + FP = 0), as scikit-learn's
 *                  {@code zero_division=0}
 * @param recall    TP / (TP + FN); 0 when the class has no examples (support 0)
 * @param f1        2PR / (P + R); 0 when P + R = 0
 * @param support   number of examples whose true class is this one (TP + FN)
 * @param predicted number of examples predicted as this class (TP + FP)
 */
public record ClassMetrics(int index, String name, double precision, double recall, double f1, int support,
                           int predicted) {
}
