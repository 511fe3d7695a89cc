package io.ferstream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double EPS = 1e-12;

    // 10 examples, 3 classes:
    //   truth = 0 0 0 0 1 1 1 2 2 2
    //   pred  = 0 0 1 2 1 1 0 2 2 1
    private static final int[] TRUTH = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PRED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    @Test
    void shouldCountConfusionMatrixWithTruthInRows() {
        ConfusionMatrix cm = ConfusionMatrix.of(TRUTH, PRED, 3);
        // true 0: predicted 0,0,1,2 -> [2,1,1]; true 1: 1,1,0 -> [1,2,0]; true 2: 2,2,1 -> [0,1,2]
        assertThat(cm.counts()).isDeepEqualTo(new int[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}});
        assertThat(cm.total()).isEqualTo(10);
        assertThat(cm.correct()).isEqualTo(6);
        assertThat(cm.rowTotal(0)).isEqualTo(4);
        assertThat(cm.columnTotal(1)).isEqualTo(4); // 1 + 2 + 1
    }

    @Test
    void shouldRowNormaliseConfusionMatrix() {
        double[][] n = ConfusionMatrix.of(TRUTH, PRED, 3).rowNormalised();
        // row 0: [2,1,1]/4; row 1: [1,2,0]/3; row 2: [0,1,2]/3
        assertThat(n[0]).containsExactly(new double[] {0.5, 0.25, 0.25}, within(EPS));
        assertThat(n[1]).containsExactly(new double[] {1.0 / 3, 2.0 / 3, 0}, within(EPS));
        assertThat(n[2]).containsExactly(new double[] {0, 1.0 / 3, 2.0 / 3}, within(EPS));
    }

    @Test
    void shouldGiveZeroRowForClassWithoutExamplesWhenNormalising() {
        // class 2 never occurs in the truth
        double[][] n = ConfusionMatrix.of(new int[] {0, 1}, new int[] {2, 1}, 3).rowNormalised();
        assertThat(n[2]).containsExactly(0, 0, 0);
        assertThat(n[0]).containsExactly(0, 0, 1);
    }

    @Test
    void shouldComputeAccuracy() {
        // 6 of 10 on the diagonal
        assertThat(Metrics.accuracy(TRUTH, PRED)).isCloseTo(0.6, within(EPS));
        assertThat(Metrics.accuracy(ConfusionMatrix.of(TRUTH, PRED, 3))).isCloseTo(0.6, within(EPS));
    }

    @Test
    void shouldComputePerClassPrecisionRecallF1AndSupport() {
        List<ClassMetrics> m = Metrics.perClass(ConfusionMatrix.of(TRUTH, PRED, 3), List.of("a", "b", "c"));
        // column totals (predicted): 0 -> 3, 1 -> 4, 2 -> 3; row totals (support): 4, 3, 3
        // class 0: P = 2/3, R = 2/4, F1 = 2*(2/3)(1/2)/(2/3+1/2) = (2/3)/(7/6) = 4/7
        assertThat(m.get(0).name()).isEqualTo("a");
        assertThat(m.get(0).precision()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get(0).recall()).isCloseTo(0.5, within(EPS));
        assertThat(m.get(0).f1()).isCloseTo(4.0 / 7, within(EPS));
        assertThat(m.get(0).support()).isEqualTo(4);
        assertThat(m.get(0).predicted()).isEqualTo(3);
        // class 1: P = 2/4, R = 2/3, F1 = 4/7 (same product and sum as class 0)
        assertThat(m.get(1).precision()).isCloseTo(0.5, within(EPS));
        assertThat(m.get(1).recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get(1).f1()).isCloseTo(4.0 / 7, within(EPS));
        // class 2: P = 2/3, R = 2/3, F1 = 2/3
        assertThat(m.get(2).precision()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get(2).recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get(2).f1()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get(2).support()).isEqualTo(3);
    }

    @Test
    void shouldComputeMacroF1() {
        // (4/7 + 4/7 + 2/3) / 3 = (24/21 + 14/21) / 3 = 38/63
        assertThat(Metrics.macroF1(ConfusionMatrix.of(TRUTH, PRED, 3))).isCloseTo(38.0 / 63, within(EPS));
    }

    @Test
    void shouldGiveZeroPrecisionToClassNeverPredicted() {
        // truth 0 1 2 2, pred 0 0 2 2: class 1 is never predicted
        List<ClassMetrics> m = Metrics.perClass(ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 0, 2, 2}, 3));
        assertThat(m.get(1).predicted()).isZero();
        assertThat(m.get(1).precision()).isZero(); // 0/0 -> 0 by convention
        assertThat(m.get(1).recall()).isZero();    // 0/1
        assertThat(m.get(1).f1()).isZero();        // P + R = 0
        // class 0: P = 1/2, R = 1/1, F1 = 2*(1/2)/(3/2) = 2/3; class 2: F1 = 1
        assertThat(m.get(0).f1()).isCloseTo(2.0 / 3, within(EPS));
        // macro-F1 over the 3 classes present = (2/3 + 0 + 1) / 3 = 5/9
        assertThat(Metrics.macroF1(m)).isCloseTo(5.0 / 9, within(EPS));
    }

    @Test
    void shouldLeaveClassesAbsentFromTruthAndPredictionsOutOfMacroF1() {
        // 4 classes, only 0 and 1 appear, both perfectly: macro-F1 = (1 + 1) / 2
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 4);
        assertThat(Metrics.macroF1(cm)).isCloseTo(1.0, within(EPS));
        assertThat(Metrics.perClass(cm).get(3).f1()).isZero();
    }

    @Test
    void shouldComputeMacroRecall() {
        // recalls 1/2, 2/3, 2/3 -> (1/2 + 4/3) / 3 = 11/18
        List<ClassMetrics> m = Metrics.perClass(ConfusionMatrix.of(TRUTH, PRED, 3));
        assertThat(Metrics.macroRecall(m)).isCloseTo(11.0 / 18, within(EPS));
    }

    @Test
    void shouldRejectEmptyInput() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> Metrics.macroF1(new ConfusionMatrix(new int[2][2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void shouldRejectMismatchedOrOutOfRangeLabels() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true label 3");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {-1, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted label -1");
    }

    @Test
    void shouldTakeArgmaxWithTiesToLowestIndex() {
        assertThat(Metrics.argmax(new float[] {0.2f, 0.5f, 0.3f})).isEqualTo(1);
        assertThat(Metrics.argmax(new float[] {0.4f, 0.4f, 0.2f})).isZero();
    }
}
