package io.ferstream.trainer.bench;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.train.Augmentation;
import io.ferstream.trainer.gate.GateDecision;
import io.ferstream.trainer.gate.GateSettings;
import io.ferstream.trainer.round.FeedbackExample;
import io.ferstream.trainer.round.LiveRelease;
import io.ferstream.trainer.round.RoundOutcome;
import io.ferstream.trainer.round.RoundRunner;
import io.ferstream.trainer.round.RoundSettings;
import io.ferstream.trainer.round.TrainingSettings;
import io.ferstream.trainer.testing.SyntheticFaces;
import io.ferstream.trainer.testing.SyntheticFaces.Domain;
import io.ferstream.trainer.testing.TinyReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A harness, not a test: how often does the gate promote a candidate trained on 2,000 random labels, and how often
 * one trained on correct labels? Runs {@code poisoned} + {@code correct} rounds on synthetic faces with the tiny
 * release (the same setting as the poisoning cluster test, a different seed each), judges every candidate with
 * several gate settings (the gate is a pure function of the scores) and prints a table.
 *
 * <pre>
 * cd trainer && mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -Dlogback.configurationFile=src/test/resources/logback-test.xml \
 *   -cp target/test-classes:target/classes:$(cat target/test.cp) io.ferstream.trainer.bench.GateTrials 20 5 \
 *   | grep -E '^(\||Promoted)'     # the table (logs go to the same stream)
 * </pre>
 */
public final class GateTrials {

  private GateTrials() {}

  public static void main(String[] args) throws Exception {
    int poisoned = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int correct = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("gate-trials");
    Path bundle = TinyReleases.horizontalBands(dir.resolve("live.zip"), "synthetic-h", 1);
    LiveRelease live = new LiveRelease("synthetic-h", Files.readAllBytes(bundle), "trials");
    Fer2013Data base = SyntheticFaces.data(Domain.HORIZONTAL, 600, 21);
    Fer2013Data holdout = SyntheticFaces.data(Domain.HORIZONTAL, 300, 31);
    // Judge with a permissive gate and re-apply the real rules below from the decision's numbers.
    GateSettings permissive = new GateSettings(0.999, GateSettings.FeedbackTest.ACCURACY, 0.5, 1, 0);
    List<String[]> rows = new ArrayList<>();
    int[][] promotedBy = new int[2][4];
    for (int t = 0; t < poisoned + correct; t++) {
      boolean poison = t < poisoned;
      long seed = 1_000 + t;
      RoundRunner runner = new RoundRunner(new RoundSettings(
          new TrainingSettings(false, 4, 2e-3, 32, seed, Augmentation.none()), 1.0, 20, 50, permissive, false),
          Clock.systemUTC());
      RoundOutcome o = runner.run(t + 1, live, feedback(2_000, poison, seed), base, holdout, dir.resolve("r" + t));
      GateDecision d = o.decision();
      boolean[] verdicts = {
          rule(d, 0.005, "accuracy", 0.05, 0), rule(d, 0.005, "mcnemar", 0.05, 0),
          rule(d, 0.005, "mcnemar", 0.01, 0.02), rule(d, 0.005, "mcnemar", 0.001, 0.02)};
      for (int v = 0; v < verdicts.length; v++) {
        promotedBy[poison ? 0 : 1][v] += verdicts[v] ? 1 : 0;
      }
      rows.add(new String[] {poison ? "random" : "correct", Long.toString(seed),
          pct(d.holdoutCurrent()) + " -> " + pct(d.holdoutCandidate()),
          pct(d.feedbackCurrent()) + " -> " + pct(d.feedbackCandidate()), String.format(Locale.ROOT, "%.3g",
          d.feedbackPValue()), yes(verdicts[0]), yes(verdicts[1]), yes(verdicts[2]), yes(verdicts[3])});
      System.err.printf("trial %d/%d done%n", t + 1, poisoned + correct);
    }
    System.out.println("| labels | seed | holdout | held-back feedback | McNemar p | accuracy | mcnemar 0.05 "
        + "| mcnemar 0.01 + 2 pp | default: mcnemar 0.001 + 2 pp |");
    System.out.println("|---|---:|---|---|---:|:---:|:---:|:---:|:---:|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    System.out.printf("%nPromoted, random labels (%d rounds): accuracy %d, mcnemar 0.05 %d, mcnemar 0.01 + 2 pp %d, "
        + "default %d%n", poisoned, promotedBy[0][0], promotedBy[0][1], promotedBy[0][2], promotedBy[0][3]);
    System.out.printf("Promoted, correct labels (%d rounds): accuracy %d, mcnemar 0.05 %d, mcnemar 0.01 + 2 pp %d, "
        + "default %d%n", correct, promotedBy[1][0], promotedBy[1][1], promotedBy[1][2], promotedBy[1][3]);
  }

  /** The gate's rule, applied to a decision's numbers (ε on the holdout, the feedback test, the minimum gain). */
  static boolean rule(GateDecision d, double epsilon, String test, double alpha, double minGain) {
    boolean holdout = d.holdoutCandidate() >= d.holdoutCurrent() - epsilon - 1e-12;
    double gain = d.feedbackCandidate() - d.feedbackCurrent();
    boolean feedback = gain > 0 && gain >= minGain - 1e-12 && (!test.equals("mcnemar") || d.feedbackPValue() < alpha);
    return holdout && feedback;
  }

  /** Vertical-band crops (the live release has never seen them), labelled correctly or at random. */
  static List<FeedbackExample> feedback(int n, boolean randomLabels, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<FeedbackExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int truth = i % EmotionClasses.COUNT;
      byte[] px = SyntheticFaces.image(rnd.nextBoolean() ? Domain.VERTICAL : Domain.HORIZONTAL, truth, rnd);
      out.add(new FeedbackExample("c" + seed + "-" + i, randomLabels ? rnd.nextInt(EmotionClasses.COUNT) : truth,
          "trials", px));
    }
    return out;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String yes(boolean b) {
    return b ? "promote" : "-";
  }
}
