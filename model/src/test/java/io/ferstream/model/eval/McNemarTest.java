package io.ferstream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void shouldUseExactBinomialForFewDiscordantPairs() {
        // b = 1, c = 6, n = 7: P[X <= 1] = (C(7,0) + C(7,1)) / 2^7 = 8/128 = 0.0625; two-sided p = 0.125
        McNemarResult r = McNemar.test(1, 6);
        assertThat(r.method()).isEqualTo(McNemarResult.Method.EXACT_BINOMIAL);
        assertThat(r.statistic()).isEqualTo(1.0); // min(b, c)
        assertThat(r.pValue()).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void shouldCapExactPValueAtOne() {
        // b = c = 3: 2 * P[X <= 3] = 2 * (1 + 6 + 15 + 20) / 64 = 84/64 > 1 -> 1
        assertThat(McNemar.test(3, 3).pValue()).isEqualTo(1.0);
        // no discordant pairs: no evidence at all
        assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldComputeSmallExactPValue() {
        // b = 2, c = 18, n = 20: P[X <= 2] = (1 + 20 + 190) / 2^20 = 211/1048576; p = 422/1048576
        assertThat(McNemar.test(2, 18).pValue()).isCloseTo(422.0 / 1048576, within(1e-15));
    }

    @Test
    void shouldUseContinuityCorrectedChiSquareForManyDiscordantPairs() {
        // b = 10, c = 25, n = 35 >= 25: stat = (|10 - 25| - 1)^2 / 35 = 196/35 = 5.6
        // p = P[chi2(1) >= 5.6] = erfc(sqrt(2.8)) = 0.0179604775 (scipy.stats.chi2.sf(5.6, 1))
        McNemarResult r = McNemar.test(10, 25);
        assertThat(r.method()).isEqualTo(McNemarResult.Method.CHI_SQUARE_CORRECTED);
        assertThat(r.statistic()).isCloseTo(5.6, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.0179604775, within(1e-8));
        assertThat(r.significantAt(0.05)).isTrue();
    }

    @Test
    void shouldSwitchToChiSquareAtThreshold() {
        assertThat(McNemar.test(12, 12).method()).isEqualTo(McNemarResult.Method.EXACT_BINOMIAL); // n = 24
        assertThat(McNemar.test(12, 13).method()).isEqualTo(McNemarResult.Method.CHI_SQUARE_CORRECTED); // n = 25
    }

    @Test
    void shouldMatchChiSquareCriticalValue() {
        // 3.8414588 is the 95% quantile of chi2(1)
        assertThat(McNemar.chiSquare1Survival(3.841458820694124)).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void shouldComputeExactPValueForLargeCountsWithoutUnderflow() {
        // scipy.stats.binomtest(500, 1020, 0.5).pvalue = 0.5519226142
        assertThat(McNemar.exactP(500, 520)).isCloseTo(0.5519226142, within(1e-9));
    }

    @Test
    void shouldCountDiscordantPairsFromPredictions() {
        int[] truth = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
        // A right on 0..2 and 9; B right on 0, 1 and 3..8
        int[] a = {0, 1, 2, 1, 2, 0, 1, 2, 0, 0};
        int[] b = {0, 1, 0, 0, 1, 2, 0, 1, 2, 1};
        // both right: 0, 1 -> 2; only A: 2, 9 -> b = 2; only B: 3..8 -> c = 6; neither: none
        McNemarResult r = McNemar.test(truth, a, b);
        assertThat(r.bothCorrect()).isEqualTo(2);
        assertThat(r.onlyACorrect()).isEqualTo(2);
        assertThat(r.onlyBCorrect()).isEqualTo(6);
        assertThat(r.bothWrong()).isZero();
        // n = 8: P[X <= 2] = (1 + 8 + 28) / 256 = 37/256; p = 74/256
        assertThat(r.pValue()).isCloseTo(74.0 / 256, within(1e-12));
    }

    @Test
    void shouldRejectEmptyOrMismatchedInput() {
        assertThatThrownBy(() -> McNemar.test(new int[0], new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> McNemar.test(new int[] {0, 1}, new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
