package io.ferstream.trainer.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

  private static final GateSettings MCNEMAR = new GateSettings(0.01, GateSettings.FeedbackTest.MCNEMAR, 0.05, 10, 0);
  private static final GateSettings ACCURACY = new GateSettings(0.01, GateSettings.FeedbackTest.ACCURACY, 0.05, 10, 0);

  /** 100 examples, all of class 0; {@code currentRight} / {@code candidateRight} of them predicted right. */
  private static GateScores scores(int n, int currentRight, int candidateRight) {
    int[] truth = new int[n];
    int[] cur = new int[n];
    int[] cand = new int[n];
    Arrays.fill(cur, 1);
    Arrays.fill(cand, 1);
    Arrays.fill(cur, 0, currentRight, 0);
    Arrays.fill(cand, 0, candidateRight, 0);
    return new GateScores(truth, cur, cand);
  }

  @Test
  void shouldPromoteACandidateThatHoldsTheHoldoutAndIsSignificantlyBetterOnFeedback() {
    // feedback: 20 discordant pairs, all for the candidate: exact McNemar p = 2 * 0.5^20 ~ 1.9e-6
    GateDecision d = new PromotionGate(MCNEMAR).decide(scores(1000, 600, 595), scores(100, 40, 60));
    assertThat(d.promote()).isTrue();
    assertThat(d.reasons()).isEmpty();
    assertThat(d.holdoutChangePoints()).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.feedbackPValue()).isCloseTo(2 * Math.pow(0.5, 20), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void shouldRejectACandidateThatLosesMoreThanEpsilonOnTheHoldout() {
    // 600 -> 589 of 1000 is -1.1 pp, epsilon 1 pp
    GateDecision d = new PromotionGate(MCNEMAR).decide(scores(1000, 600, 589), scores(100, 40, 60));
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("holdout accuracy fell by 1.10 pp");
  }

  @Test
  void shouldAcceptALossOfExactlyEpsilon() {
    assertThat(new PromotionGate(MCNEMAR).decide(scores(1000, 600, 590), scores(100, 40, 60)).promote()).isTrue();
  }

  @Test
  void shouldRejectAGainOnFeedbackThatIsNotSignificant() {
    // 3 discordant pairs for the candidate: exact p = 2 * 0.5^3 = 0.25
    GateDecision d = new PromotionGate(MCNEMAR).decide(scores(1000, 600, 600), scores(100, 40, 43));
    assertThat(d.promote()).isFalse();
    assertThat(d.feedbackPValue()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d.reasons()).singleElement().asString().contains("not significant");
    // the plain accuracy test takes the same gain
    assertThat(new PromotionGate(ACCURACY).decide(scores(1000, 600, 600), scores(100, 40, 43)).promote()).isTrue();
  }

  @Test
  void shouldRejectACandidateThatIsNoBetterOnFeedbackEvenWithoutATest() {
    GateDecision d = new PromotionGate(ACCURACY).decide(scores(1000, 600, 610), scores(100, 40, 40));
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("not better on held-back feedback");
  }

  @Test
  void shouldRejectAGainBelowTheMinimumEvenWhenSignificant() {
    GateSettings withMinGain = new GateSettings(0.01, GateSettings.FeedbackTest.MCNEMAR, 0.05, 10, 0.05);
    // 1000 held-back examples, +4 pp with 40 discordant pairs all for the candidate: p ~ 1.8e-12, but 4 < 5 pp
    GateDecision d = new PromotionGate(withMinGain).decide(scores(1000, 600, 600), scores(1000, 400, 440));
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("4.00 pp, is below the required 5.00 pp");
    assertThat(new PromotionGate(withMinGain).decide(scores(1000, 600, 600), scores(1000, 400, 450)).promote())
        .isTrue();
  }

  @Test
  void shouldRefuseToJudgeOnTooLittleFeedback() {
    GateDecision d = new PromotionGate(MCNEMAR).decide(scores(1000, 600, 600), scores(9, 0, 9));
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("only 9 held-back feedback examples");
  }

  @Test
  void shouldGiveEveryReasonWhenSeveralConditionsFail() {
    GateDecision d = new PromotionGate(MCNEMAR).decide(scores(1000, 600, 500), scores(100, 50, 30));
    assertThat(d.reasons()).hasSize(2);
    assertThat(d.summary()).startsWith("REJECT: holdout 60.00% -> 50.00% (-10.00 pp)");
  }

  @Test
  void shouldValidateSettings() {
    assertThatThrownBy(() -> new GateSettings(-0.1, GateSettings.FeedbackTest.MCNEMAR, 0.05, 10, 0))
        .hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new GateSettings(0.01, GateSettings.FeedbackTest.MCNEMAR, 1.5, 10, 0))
        .hasMessageContaining("alpha");
    assertThat(GateSettings.FeedbackTest.parse(" mcnemar ")).isEqualTo(GateSettings.FeedbackTest.MCNEMAR);
  }
}
