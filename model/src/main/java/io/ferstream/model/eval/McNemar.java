package io.ferstream.model.eval;

/**
 * McNemar's test comparing two classifiers on the same examples (Dietterich 1998, "Approximate Statistical Tests
 * for Comparing Supervised Classification Learning Algorithms"). Only the discordant pairs matter: b = A right and
 * B wrong, c = A wrong and B right. Under the null hypothesis b ~ Binomial(b + c, 1/2).
 *
 * <p>With fewer than {@link #EXACT_THRESHOLD} discordant pairs the exact two-sided binomial p-value is used,
 * {@code min(1, 2 * P[X <= min(b, c)])}; otherwise the chi-square approximation with continuity correction,
 * {@code (|b - c| - 1)^2 / (b + c)} on 1 degree of freedom (the same formulas as statsmodels'
 * {@code mcnemar(exact=..., correction=True)}).
 */
public final class McNemar {

    /** Below this many discordant pairs the exact binomial test is used. */
    public static final int EXACT_THRESHOLD = 25;

    private McNemar() {
    }

    /**
     * Compares classifier A's and B's predictions against the same truth.
     *
     * @throws IllegalArgumentException on empty input or arrays of different lengths
     */
    public static McNemarResult test(int[] truth, int[] predictedA, int[] predictedB) {
        Metrics.checkSameLength(truth, predictedA);
        Metrics.checkSameLength(truth, predictedB);
        int b = 0;
        int c = 0;
        int both = 0;
        int neither = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean a = predictedA[i] == truth[i];
            boolean bb = predictedB[i] == truth[i];
            if (a && bb) {
                both++;
            } else if (a) {
                b++;
            } else if (bb) {
                c++;
            } else {
                neither++;
            }
        }
        return test(b, c, both, neither);
    }

    /** The test from the discordant counts alone (b = only A right, c = only B right). */
    public static McNemarResult test(int b, int c) {
        return test(b, c, 0, 0);
    }

    private static McNemarResult test(int b, int c, int both, int neither) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0: b=" + b + ", c=" + c);
        }
        if (b + c < EXACT_THRESHOLD) {
            return new McNemarResult(b, c, both, neither, McNemarResult.Method.EXACT_BINOMIAL, Math.min(b, c),
                    exactP(b, c));
        }
        double stat = chiSquareStatistic(b, c);
        return new McNemarResult(b, c, both, neither, McNemarResult.Method.CHI_SQUARE_CORRECTED, stat,
                chiSquare1Survival(stat));
    }

    /** Exact two-sided p-value: min(1, 2 * sum_{i<=min(b,c)} C(n,i) / 2^n), n = b + c; 1 when n = 0. */
    public static double exactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        // sum in log space so that 2^-n does not underflow for large n
        double logHalfN = -n * Math.log(2);
        double logC = 0; // log C(n, 0)
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logC + logHalfN);
            logC += Math.log(n - i) - Math.log(i + 1);
        }
        return Math.min(1.0, 2 * sum);
    }

    /** (|b - c| - 1)^2 / (b + c); 0 when b + c = 0. */
    public static double chiSquareStatistic(int b, int c) {
        if (b + c == 0) {
            return 0;
        }
        double d = Math.abs(b - c) - 1.0;
        return d * d / (b + c);
    }

    /** P[X >= x] for X ~ chi-square with 1 degree of freedom: erfc(sqrt(x / 2)). */
    public static double chiSquare1Survival(double x) {
        if (x <= 0) {
            return 1.0;
        }
        return erfc(Math.sqrt(x / 2));
    }

    /**
     * Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere (Press et al.,
     * Numerical Recipes, {@code erfcc}).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
