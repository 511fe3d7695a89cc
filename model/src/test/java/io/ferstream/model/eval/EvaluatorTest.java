package io.ferstream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final List<String> CLASSES = List.of("A", "B", "C");

    /** Six examples; pixel 0 holds the example's index, the label is index % 3. */
    static List<LabelledExample> examples() {
        List<LabelledExample> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] px = new byte[2304];
            px[0] = (byte) i;
            out.add(new LabelledExample(px, i % 3));
        }
        return out;
    }

    /** probability {@code p} on class {@code c}, the rest spread evenly. */
    static float[] peaked(int c, float p) {
        float[] row = new float[3];
        java.util.Arrays.fill(row, (1 - p) / 2);
        row[c] = p;
        return row;
    }

    /**
     * m1: 0.6 on the label for examples 0..3, 0.6 on label+1 for 4, 5 -> right on {0,1,2,3}.
     * m2: 0.9 on label+1 for examples 0, 1, 0.9 on the label for 2..5 -> right on {2,3,4,5}.
     * mean: examples 0,1: label (0.6+0.05)/2 = 0.325 < label+1 (0.2+0.9)/2 = 0.55 -> wrong;
     *       2,3: right; 4,5: label (0.2+0.9)/2 = 0.55 > label+1 (0.6+0.05)/2 = 0.325 -> right.
     */
    static final class FakeEnsemble implements EnsemblePredictor {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> memberNames() {
            return List.of("m1", "m2");
        }

        @Override
        public EnsembleOutput predictWithMembers(byte[][] crops) {
            batchSizes.add(crops.length);
            float[][] m1 = new float[crops.length][];
            float[][] m2 = new float[crops.length][];
            float[][] mean = new float[crops.length][3];
            for (int r = 0; r < crops.length; r++) {
                int i = crops[r][0];
                int label = i % 3;
                m1[r] = peaked(i < 4 ? label : (label + 1) % 3, 0.6f);
                m2[r] = peaked(i < 2 ? (label + 1) % 3 : label, 0.9f);
                for (int c = 0; c < 3; c++) {
                    mean[r][c] = (m1[r][c] + m2[r][c]) / 2;
                }
            }
            return new EnsembleOutput(mean, List.of(m1, m2));
        }
    }

    @Test
    void shouldEvaluateEnsembleAndEachMemberInBatches() {
        FakeEnsemble ensemble = new FakeEnsemble();
        List<Integer> progress = new ArrayList<>();
        EvaluationResult r = new Evaluator(CLASSES, 4, 10).onProgress(progress::add)
                .evaluate("ens", ensemble, examples().iterator());

        assertThat(ensemble.batchSizes).containsExactly(4, 2);
        assertThat(progress).containsExactly(4, 6);
        assertThat(r.examples()).isEqualTo(6);
        assertThat(r.accuracy()).isCloseTo(4.0 / 6, within(1e-12)); // right on 2..5
        assertThat(r.truth()).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(r.predicted()).containsExactly(1, 2, 2, 0, 1, 2);
        assertThat(r.members()).extracting(MemberComparison::name).containsExactly("m1", "m2");

        MemberComparison m1 = r.members().get(0);
        assertThat(m1.result().accuracy()).isCloseTo(4.0 / 6, within(1e-12)); // right on 0..3
        // only m1 right: {0, 1}; only the ensemble right: {4, 5}; 2*P[X<=2 | n=4] = 2*11/16 > 1 -> p = 1
        assertThat(m1.vsEnsemble().onlyACorrect()).isEqualTo(2);
        assertThat(m1.vsEnsemble().onlyBCorrect()).isEqualTo(2);
        assertThat(m1.vsEnsemble().pValue()).isEqualTo(1.0);

        MemberComparison m2 = r.members().get(1);
        assertThat(m2.vsEnsemble().discordant()).isZero(); // same correct set {2,3,4,5}
        assertThat(m2.ensembleGain(r)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldEvaluatePlainPredictor() {
        Predictor perfect = crops -> {
            float[][] out = new float[crops.length][];
            for (int r = 0; r < crops.length; r++) {
                out[r] = peaked(crops[r][0] % 3, 0.8f);
            }
            return out;
        };
        EvaluationResult r = new Evaluator(CLASSES, 256, 10).evaluate("p", perfect, examples().iterator());
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.macroF1()).isEqualTo(1.0);
        assertThat(r.members()).isEmpty();
        // every confidence is 0.8 (bin 8 of 10), all right: ECE = |1 - 0.8| = 0.2
        assertThat(r.calibration().ece()).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void shouldAccumulateStreamedPredictions() {
        EvaluationAccumulator acc = new EvaluationAccumulator("replay", CLASSES, 10);
        acc.add(0, peaked(0, 0.8f));
        acc.add(2, peaked(1, 0.8f));
        EvaluationResult r = acc.result();
        assertThat(r.accuracy()).isEqualTo(0.5);
        assertThat(r.confusion().count(2, 1)).isEqualTo(1);
    }

    @Test
    void shouldRejectNoExamples() {
        assertThatThrownBy(() -> new Evaluator(CLASSES).evaluate("p", c -> new float[0][], List.<LabelledExample>of().iterator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> new EvaluationAccumulator("x", CLASSES, 10).result())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
    }

    @Test
    void shouldRejectPredictorWithWrongOutputShape() {
        Predictor wrong = crops -> new float[crops.length][2];
        assertThatThrownBy(() -> new Evaluator(CLASSES).evaluate("wrong", wrong, examples().iterator()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 classes, expected 3");
    }

    @Test
    void shouldRefuseToCompareResultsOnDifferentExamples() {
        EvaluationResult a = EvaluationResult.of("a", CLASSES, new int[] {0, 1}, new float[][] {peaked(0, .8f), peaked(1, .8f)}, 10, 0);
        EvaluationResult b = EvaluationResult.of("b", CLASSES, new int[] {1, 0}, new float[][] {peaked(0, .8f), peaked(1, .8f)}, 10, 0);
        assertThatThrownBy(() -> a.compareWith(b)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.compareWith(a).discordant()).isZero();
    }
}
