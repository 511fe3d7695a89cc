package io.ferstream.model.eval;

/**
 * Outcome of McNemar's test on two classifiers scored on the same examples.
 *
 * @param onlyACorrect b: examples classifier A got right and B got wrong
 * @param onlyBCorrect c: examples B got right and A got wrong
 * @param bothCorrect  examples both got right
 * @param bothWrong    examples both got wrong
 * @param method       how the p-value was computed
 * @param statistic    for {@link Method#EXACT_BINOMIAL}: min(b, c), the binomial count; for
 *                     {@link Method#CHI_SQUARE_CORRECTED}: (|b - c| - 1)^2 / (b + c), chi-square with 1 degree of
 *                     freedom
 * @param pValue       two-sided p-value of the null hypothesis "both classifiers have the same error rate"
 */
public record McNemarResult(int onlyACorrect, int onlyBCorrect, int bothCorrect, int bothWrong, Method method,
                            double statistic, double pValue) {

    /** How the p-value was obtained. */
    public enum Method {
        /** Exact two-sided binomial test on the discordant pairs, B(b + c, 1/2). */
        EXACT_BINOMIAL,
        /** Chi-square with 1 degree of freedom and Edwards' continuity correction. */
        CHI_SQUARE_CORRECTED
    }

    /** Number of discordant pairs, b + c. */
    public int discordant() {
        return onlyACorrect + onlyBCorrect;
    }

    /** Whether the difference is significant at level {@code alpha} (p &lt; alpha). */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}
