package io.ferstream.trainer.round;

import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.release.ReleaseBundle;
import io.ferstream.model.release.ReleaseManifest;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.train.TrainingMath;
import io.ferstream.trainer.gate.GateDecision;
import io.ferstream.trainer.gate.GateScores;
import io.ferstream.trainer.gate.PromotionGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retraining round: split the buffer's feedback into train and held-back parts, train a candidate from the
 * current release (fine-tune or from scratch, feedback plus a rehearsal sample of the base data), write it as a
 * release bundle, score current and candidate on the fixed holdout and on the held-back feedback, let the
 * {@link PromotionGate} decide, and write the round's report. Publishing is the caller's job: a round never touches
 * Kafka, so it can be run and tested on its own.
 */
public final class RoundRunner {

  private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);

  private final RoundSettings settings;
  private final Clock clock;
  private final Map<String, int[]> holdoutPredictions = new java.util.concurrent.ConcurrentHashMap<>();

  public RoundRunner(RoundSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Runs round {@code round}.
   *
   * @param current the release to start from and to beat
   * @param feedback the training buffer's examples
   * @param base base training data to rehearse (FER2013 Training), or null for none
   * @param holdout the fixed holdout (FER2013 PublicTest or the user's)
   * @param dir the round's directory: bundle, report and charts go here
   */
  public RoundOutcome run(int round, LiveRelease current, List<FeedbackExample> feedback, Fer2013Data base,
      Fer2013Data holdout, Path dir) throws IOException {
    Files.createDirectories(dir);
    // In crop-id order: the buffer's order depends on how its partitions interleaved on the way in, and a round must
    // depend only on its inputs (the same buffer and seed give the same candidate).
    List<FeedbackExample> ordered = new ArrayList<>(feedback);
    ordered.sort(java.util.Comparator.comparing(FeedbackExample::cropId));
    FeedbackSplit.Parts parts = new FeedbackSplit(settings.heldBackPercent()).split(ordered);
    if (parts.train().size() < settings.minTrainExamples()) {
      String why = parts.train().size() + " feedback examples to train on, fewer than " + settings.minTrainExamples();
      log.info("Round {} skipped: {}", round, why);
      RoundOutcome skipped = new RoundOutcome(round, RoundOutcome.Status.SKIPPED, current.releaseId(), null, null,
          null, parts.train().size(), parts.heldBack().size(), 0, 0, 0, dir, why);
      RoundReport.write(skipped, null, null, List.of());
      return skipped;
    }
    ReleaseBundle parent = ReleaseBundle.load(current.bundle());
    ReleaseManifest pm = parent.manifest();
    Fer2013Data trainSet = trainingSet(parts.train(), base, round);
    int replay = trainSet.size() - parts.train().size();
    log.info("Round {}: {} {} member(s) of {} on {} feedback + {} base images, {} epoch(s); {} feedback held back",
        round, settings.training().fromScratch() ? "retraining" : "fine-tuning", pm.memberCount, current.releaseId(),
        parts.train().size(), replay, settings.training().epochs(), parts.heldBack().size());

    long t0 = System.nanoTime();
    MemberTrainer trainer = new MemberTrainer(settings.training());
    List<MemberTrainer.Trained> trained = new ArrayList<>();
    List<MultiLayerNetwork> members = parent.members();
    for (int m = 0; m < members.size(); m++) {
      String arch = pm.members.get(m).architecture;
      int memberNo = m + 1;
      ProgressLog progress = new ProgressLog("round " + round + " member " + memberNo + "/" + members.size());
      trained.add(trainer.train(members.get(m), arch, m, trainSet, parent.preprocessing(), progress));
    }
    double trainSeconds = (System.nanoTime() - t0) / 1e9;

    Instant now = clock.instant();
    String candidateId = ReleaseIds.candidate(current.releaseId(), round, now);
    ReleaseWriter writer = ReleaseWriter.builder()
        .releaseId(candidateId)
        .parentReleaseId(current.releaseId())
        .createdAt(now)
        .preprocessing(parent.preprocessing())
        .testTimeAugmentation(pm.testTimeAugmentation)
        .weightsDataType(DataType.valueOf(pm.weightsDataType))
        .trainingData(trainSet.sha256(), trainSet.size(), DisgustPolicy.DROP.name(),
            parts.train().size() + " feedback examples + " + replay + " base (rehearsal) examples, round " + round)
        .training("mode", settings.training().fromScratch() ? "scratch" : "fine-tune")
        .training("epochs", settings.training().epochs())
        .training("learningRate", settings.training().learningRate())
        .training("batchSize", settings.training().batchSize())
        .training("seed", settings.training().seed())
        .training("feedbackTrain", parts.train().size())
        .training("feedbackHeldBack", parts.heldBack().size())
        .training("baseReplay", replay)
        .training("round", round);
    for (MemberTrainer.Trained t : trained) {
      writer.addMember(t.network(), t.architecture(), Map.of(), (settings.training().fromScratch() ? "retrained"
          : "fine-tuned") + " in round " + round + " from " + current.releaseId());
    }
    Path draft = dir.resolve("candidate-draft.zip");
    writer.write(draft);

    long g0 = System.nanoTime();
    EnsembleScorer currentScorer = EnsembleScorer.of(parent, settings.sameDiffScoring());
    EnsembleScorer candidateScorer = EnsembleScorer.load(draft, settings.sameDiffScoring());
    Fer2013Data held = asData(parts.heldBack());
    int[] holdoutTruth = labels(holdout);
    int[] heldTruth = labels(held);
    // The holdout is fixed, so the live release's predictions on it are too: scored once per release, not per round.
    int[] currentOnHoldout = holdoutPredictions.computeIfAbsent(current.releaseId() + "@" + holdout.sha256(),
        k -> currentScorer.predict(holdout));
    GateScores holdoutScores = new GateScores(holdoutTruth, currentOnHoldout, candidateScorer.predict(holdout));
    GateScores feedbackScores = new GateScores(heldTruth, currentScorer.predict(held), candidateScorer.predict(held));
    GateDecision decision = new PromotionGate(settings.gate()).decide(holdoutScores, feedbackScores);
    double gateSeconds = (System.nanoTime() - g0) / 1e9;
    log.info("Round {} candidate {}: {}", round, candidateId, decision.summary());

    // The final bundle carries the gate's numbers in its manifest, so `release list` and the classifier show them.
    writer.metric("holdout.accuracy", decision.holdoutCandidate())
        .metric("holdout.accuracy.parent", decision.holdoutCurrent())
        .metric("feedback.accuracy", decision.feedbackCandidate())
        .metric("feedback.accuracy.parent", decision.feedbackCurrent())
        .metric("feedback.examples", decision.feedbackExamples());
    Path bundle = dir.resolve(candidateId + ".zip");
    writer.write(bundle);
    Files.deleteIfExists(draft);
    ReleaseBundle.load(bundle); // verifies checksum, classes and shape before anyone publishes it

    RoundOutcome outcome = new RoundOutcome(round, RoundOutcome.Status.TRAINED_AND_JUDGED, current.releaseId(),
        candidateId, bundle, decision, parts.train().size(), parts.heldBack().size(), replay, trainSeconds,
        gateSeconds, dir, null);
    RoundReport.write(outcome, holdoutScores, feedbackScores, trained);
    return outcome;
  }

  /** Feedback (all of it) plus a seeded sample of base images, replayRatio per feedback image. */
  private Fer2013Data trainingSet(List<FeedbackExample> feedback, Fer2013Data base, int round) {
    int replay = base == null ? 0
        : (int) Math.min(base.size(), Math.round(settings.replayRatio() * feedback.size()));
    int n = feedback.size() + replay;
    byte[] pixels = new byte[n * Fer2013Data.PIXELS];
    byte[] labels = new byte[n];
    for (int i = 0; i < feedback.size(); i++) {
      System.arraycopy(feedback.get(i).pixels(), 0, pixels, i * Fer2013Data.PIXELS, Fer2013Data.PIXELS);
      labels[i] = (byte) feedback.get(i).label();
    }
    if (replay > 0) {
      int[] pick = TrainingMath.permutation(base.size(), TrainingMath.mix(settings.training().seed(), round, 0xBA5EL));
      for (int j = 0; j < replay; j++) {
        int src = pick[j];
        int dst = feedback.size() + j;
        System.arraycopy(base.pixels(), src * Fer2013Data.PIXELS, pixels, dst * Fer2013Data.PIXELS,
            Fer2013Data.PIXELS);
        labels[dst] = (byte) base.label(src);
      }
    }
    return Fer2013Data.ofArrays(pixels, labels);
  }

  static Fer2013Data asData(List<FeedbackExample> examples) {
    byte[] pixels = new byte[examples.size() * Fer2013Data.PIXELS];
    byte[] labels = new byte[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      System.arraycopy(examples.get(i).pixels(), 0, pixels, i * Fer2013Data.PIXELS, Fer2013Data.PIXELS);
      labels[i] = (byte) examples.get(i).label();
    }
    return Fer2013Data.ofArrays(pixels, labels);
  }

  private static int[] labels(Fer2013Data d) {
    int[] out = new int[d.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.label(i);
    }
    return out;
  }

  /** Logs a member's progress every ~10% (a round runs inside a service: a log line, not a progress bar). */
  private static final class ProgressLog implements MemberTrainer.Progress {
    private final String what;
    private int lastDecile = -1;

    ProgressLog(String what) {
      this.what = what;
    }

    @Override
    public void update(long done, long total, double emaLoss) {
      int decile = (int) (10 * done / Math.max(1, total));
      if (decile != lastDecile) {
        lastDecile = decile;
        log.info("{}: {}% ({} of {} images), loss {}", what, decile * 10, done, total,
            Double.isNaN(emaLoss) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", emaLoss));
      }
    }
  }
}
