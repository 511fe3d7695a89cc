package io.ferstream.replay.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.model.eval.McNemar;
import io.ferstream.replay.testing.KnownEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayEvaluatorTest {

  /** Crop i: first pixel i % 6, label i % 6 except every fourth crop, labelled (i + 1) % 6. */
  static Recording recording(int n) {
    List<RecordedCrop> crops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] pixels = new byte[2304];
      pixels[0] = (byte) (i % 6);
      int label = i % 4 == 0 ? (i + 1) % 6 : i % 6;
      crops.add(new RecordedCrop("c" + i, "s", i, 0, i, pixels, label, false));
    }
    return new Recording(crops, n, 0, 0, 0, 0, 0, 0.5);
  }

  @Test
  void shouldScoreKnownPredictionsExactlyAndCompareTwoReleases() {
    KnownEngine a = KnownEngine.modulo("a");
    KnownEngine b = new KnownEngine("b", v -> (v + 1) % 6); // right exactly where a is wrong
    ReplayOutcome o;
    try (EnginePredictor pa = new EnginePredictor(a); EnginePredictor pb = new EnginePredictor(b)) {
      o = new ReplayEvaluator(7, 10).evaluate(recording(40), List.of(pa, pb));
    }
    assertThat(a.closed()).isTrue();
    assertThat(o.results()).hasSize(2);
    // 40 crops, i % 4 == 0 for 10 of them: a is right on 30, b on 10.
    assertThat(o.results().get(0).accuracy()).isEqualTo(30 / 40.0);
    assertThat(o.results().get(1).accuracy()).isEqualTo(10 / 40.0);
    assertThat(o.results().get(0).confusion().counts()[1][0]).isEqualTo(4); // i = 0, 12, 24, 36: label 1, predicted 0
    assertThat(o.comparison().onlyACorrect()).isEqualTo(30);
    assertThat(o.comparison().onlyBCorrect()).isEqualTo(10);
    assertThat(o.comparison().pValue()).isEqualTo(McNemar.test(30, 10).pValue());
    assertThat(o.engines()).containsExactly("known", "known");
    assertThat(ReplayReport.console(o)).contains("p-value = " + ReplayReport.p(o.comparison().pValue()));
  }

  @Test
  void shouldNameTheSameReleaseTwiceApart() {
    try (EnginePredictor p1 = new EnginePredictor(KnownEngine.modulo("r"));
        EnginePredictor p2 = new EnginePredictor(KnownEngine.modulo("r"))) {
      ReplayOutcome o = new ReplayEvaluator(256, 10).evaluate(recording(12), List.of(p1, p2));
      assertThat(o.results()).extracting(r -> r.name()).containsExactly("r", "r (2)");
      assertThat(o.comparison().discordant()).isZero();
      assertThat(o.comparison().pValue()).isEqualTo(1.0);
    }
  }

  @Test
  void shouldRefuseAnEmptyRecording() {
    try (EnginePredictor p = new EnginePredictor(KnownEngine.modulo("r"))) {
      assertThatThrownBy(() -> new ReplayEvaluator(8, 10).evaluate(recording(0), List.of(p)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no labelled crops");
    }
  }

  @Test
  void shouldChooseLabelsByPolicy() {
    assertThat(LabelPolicy.AUTO.choose(2, 4)).isEqualTo(4);
    assertThat(LabelPolicy.AUTO.choose(2, -1)).isEqualTo(2);
    assertThat(LabelPolicy.CROP.choose(2, 4)).isEqualTo(2);
    assertThat(LabelPolicy.FEEDBACK.choose(2, -1)).isEqualTo(-1);
  }
}
