package io.ferstream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final double EPS = 1e-12;

    @Test
    void shouldComputeExpectedCalibrationErrorAndBins() {
        // 5 bins of width 0.2
        // conf 0.95 (right), 0.85 (wrong) -> bin 4 [0.8, 1.0]: n=2, mean conf 0.9, acc 0.5, gap 0.4
        // conf 0.65 (right), 0.62 (wrong) -> bin 3 [0.6, 0.8): n=2, mean conf 0.635, acc 0.5, gap 0.135
        // conf 0.25 (right)               -> bin 1 [0.2, 0.4): n=1, mean conf 0.25, acc 1.0, gap 0.75
        // ECE = 2/5 * 0.4 + 2/5 * 0.135 + 1/5 * 0.75 = 0.16 + 0.054 + 0.15 = 0.364; MCE = 0.75
        CalibrationResult r = Calibration.of(new double[] {0.95, 0.85, 0.65, 0.62, 0.25},
                new boolean[] {true, false, true, false, true}, 5);
        assertThat(r.ece()).isCloseTo(0.364, within(EPS));
        assertThat(r.mce()).isCloseTo(0.75, within(EPS));
        assertThat(r.bins()).hasSize(5);
        ReliabilityBin b4 = r.bins().get(4);
        assertThat(b4.lower()).isCloseTo(0.8, within(EPS));
        assertThat(b4.upper()).isCloseTo(1.0, within(EPS));
        assertThat(b4.count()).isEqualTo(2);
        assertThat(b4.meanConfidence()).isCloseTo(0.9, within(EPS));
        assertThat(b4.accuracy()).isCloseTo(0.5, within(EPS));
        assertThat(r.bins().get(3).meanConfidence()).isCloseTo(0.635, within(EPS));
        assertThat(r.bins().get(1).accuracy()).isCloseTo(1.0, within(EPS));
        assertThat(r.bins().get(0).count()).isZero();
        assertThat(r.bins().get(2).count()).isZero();
    }

    @Test
    void shouldTakeConfidenceAndCorrectnessFromProbabilities() {
        // example 0: probs (0.75, 0.125, 0.125), truth 0 -> predicted 0, right, conf 0.75 -> bin 3 of 4 [0.75, 1]
        // example 1: probs (0.125, 0.25, 0.625), truth 1 -> predicted 2, wrong, conf 0.625 -> bin 2 [0.5, 0.75)
        // ECE = 1/2 * |1 - 0.75| + 1/2 * |0 - 0.625| = 0.125 + 0.3125 = 0.4375
        CalibrationResult r = Calibration.of(new int[] {0, 1},
                new float[][] {{0.75f, 0.125f, 0.125f}, {0.125f, 0.25f, 0.625f}}, 4);
        assertThat(r.ece()).isCloseTo(0.4375, within(EPS));
        assertThat(r.bins().get(3).count()).isEqualTo(1);
        assertThat(r.bins().get(2).accuracy()).isZero();
    }

    @Test
    void shouldPutConfidenceOneIntoLastBin() {
        CalibrationResult r = Calibration.of(new double[] {1.0}, new boolean[] {true}, 10);
        assertThat(r.bins().get(9).count()).isEqualTo(1);
        assertThat(r.ece()).isZero(); // conf 1, acc 1
    }

    @Test
    void shouldRejectEmptyInputAndInvalidConfidence() {
        assertThatThrownBy(() -> Calibration.of(new double[0], new boolean[0], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> Calibration.of(new double[] {1.2}, new boolean[] {true}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> Calibration.of(new double[] {Double.NaN}, new boolean[] {true}, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
