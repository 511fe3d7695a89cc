package io.ferstream.trainer.round;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.release.ReleaseBundle;
import io.ferstream.model.train.Augmentation;
import io.ferstream.trainer.gate.GateSettings;
import io.ferstream.trainer.testing.SyntheticFaces;
import io.ferstream.trainer.testing.SyntheticFaces.Domain;
import io.ferstream.trainer.testing.TinyReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds on synthetic faces with a tiny release: it knows horizontal bands; feedback brings vertical ones. Correct
 * labels must produce a promoted candidate, random labels a rejected one.
 */
class RoundRunnerTest {

  @TempDir
  static Path dir;
  static LiveRelease live;
  static Fer2013Data base;
  static Fer2013Data holdout;

  static final RoundSettings SETTINGS = new RoundSettings(
      new TrainingSettings(false, 4, 2e-3, 32, 42, Augmentation.none()), 1.0, 20, 50,
      new GateSettings(0.02, GateSettings.FeedbackTest.MCNEMAR, 0.01, 20, 0.02), false);

  @BeforeAll
  static void trainTheLiveRelease() throws Exception {
    Path bundle = TinyReleases.horizontalBands(dir.resolve("live.zip"), "synthetic-h", 1);
    live = new LiveRelease("synthetic-h", Files.readAllBytes(bundle), "test");
    base = SyntheticFaces.data(Domain.HORIZONTAL, 600, 21);
    holdout = SyntheticFaces.data(Domain.HORIZONTAL, 300, 31);
  }

  private static List<FeedbackExample> feedback(int n, boolean randomLabels, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<FeedbackExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int truth = i % EmotionClasses.COUNT;
      int label = randomLabels ? rnd.nextInt(EmotionClasses.COUNT) : truth;
      out.add(new FeedbackExample("crop-" + seed + "-" + i, label, "tester",
          SyntheticFaces.image(Domain.VERTICAL, truth, rnd)));
    }
    return out;
  }

  private static RoundRunner runner() {
    return new RoundRunner(SETTINGS, Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void shouldPromoteACandidateFineTunedOnCorrectFeedback() throws Exception {
    Path roundDir = dir.resolve("round-1");
    RoundOutcome o = runner().run(1, live, feedback(400, false, 1), base, holdout, roundDir);

    assertThat(o.status()).isEqualTo(RoundOutcome.Status.TRAINED_AND_JUDGED);
    assertThat(o.candidateReleaseId()).isEqualTo("synthetic-h-fb1-20261129-200000");
    assertThat(o.feedbackTrain() + o.feedbackHeldBack()).isEqualTo(400);
    assertThat(o.feedbackHeldBack()).isBetween(50, 110); // ~20% by crop-id hash
    assertThat(o.baseReplay()).isEqualTo(o.feedbackTrain());
    assertThat(o.decision().feedbackCurrent()).isLessThan(0.5);
    assertThat(o.decision().feedbackCandidate()).isGreaterThan(0.9);
    assertThat(o.decision().holdoutCandidate()).isGreaterThan(0.95);
    assertThat(o.promoted()).as(o.decision().summary()).isTrue();

    ReleaseBundle candidate = ReleaseBundle.load(o.candidateBundle());
    assertThat(candidate.releaseId()).isEqualTo(o.candidateReleaseId());
    assertThat(candidate.manifest().parentReleaseId).isEqualTo("synthetic-h");
    assertThat(candidate.manifest().metrics).containsEntry("feedback.accuracy", o.decision().feedbackCandidate());
    for (String f : List.of("report.md", "round.json", "curves.png", "confusion-change.png",
        "confusion-current.png", "confusion-candidate.png")) {
      assertThat(roundDir.resolve(f)).isNotEmptyFile();
    }
    assertThat(Files.readString(roundDir.resolve("report.md"))).contains("PROMOTED");
  }

  @Test
  void shouldRejectACandidateTrainedOnRandomLabels() throws Exception {
    RoundOutcome o = runner().run(2, live, feedback(400, true, 2), base, holdout, dir.resolve("round-2"));

    assertThat(o.promoted()).as(o.decision().summary()).isFalse();
    assertThat(Files.readString(dir.resolve("round-2/report.md"))).contains("REJECTED");
  }

  @Test
  void shouldRetrainFromScratchOnBaseDataPlusFeedbackWhenConfigured() throws Exception {
    RoundSettings scratch = new RoundSettings(new TrainingSettings(true, 4, 3e-3, 32, 42, Augmentation.none()), 1.0,
        20, 50, SETTINGS.gate(), false);
    RoundOutcome o = new RoundRunner(scratch, Clock.fixed(Instant.parse("2026-11-29T21:00:00Z"), ZoneOffset.UTC))
        .run(4, live, feedback(400, false, 4), base, holdout, dir.resolve("round-4"));

    assertThat(o.promoted()).as(o.decision().summary()).isTrue();
    assertThat(ReleaseBundle.load(o.candidateBundle()).manifest().training).containsEntry("mode", "scratch");
  }

  @Test
  void shouldSkipARoundWithTooLittleFeedback() throws Exception {
    RoundOutcome o = runner().run(3, live, feedback(30, false, 3), base, holdout, dir.resolve("round-3"));

    assertThat(o.status()).isEqualTo(RoundOutcome.Status.SKIPPED);
    assertThat(o.skipReason()).contains("fewer than 50");
    assertThat(dir.resolve("round-3/round.json")).isNotEmptyFile();
  }
}
