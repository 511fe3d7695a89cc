package io.ferstream.trainer.app;

import io.ferstream.model.data.Fer2013Data;
import io.ferstream.schemas.ReleaseAction;
import io.ferstream.trainer.release.ArtifactTransport;
import io.ferstream.trainer.release.PublishedRelease;
import io.ferstream.trainer.release.ReleasePublisher;
import io.ferstream.trainer.round.LiveRelease;
import io.ferstream.trainer.round.RoundOutcome;
import io.ferstream.trainer.round.RoundPolicy;
import io.ferstream.trainer.round.RoundRunner;
import io.ferstream.trainer.round.RoundState;
import io.ferstream.trainer.round.TrainingBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retraining loop: looks at the training buffer every check interval, and when the {@link RoundPolicy} says a
 * round is due (or an operator asked for one) runs it on the whole buffer, publishes a promoted candidate, and saves
 * the round state. One round at a time, on this loop's own thread: the feedback stream keeps filling the buffer
 * meanwhile.
 */
public final class RoundLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(RoundLoop.class);

  private final TrainingBuffer buffer;
  private final RoundPolicy policy;
  private final RoundRunner runner;
  private final LiveReleaseSource releases;
  private final ReleasePublisher publisher;
  private final ArtifactTransport transport;
  private final Fer2013Data base;
  private final Fer2013Data holdout;
  private final Path stateDir;
  private final Duration checkInterval;
  private final TrainerMetrics metrics;
  private final Clock clock;
  private final AtomicBoolean requested = new AtomicBoolean();
  private volatile boolean closed;
  private volatile RoundState state;

  public RoundLoop(TrainingBuffer buffer, RoundPolicy policy, RoundRunner runner, LiveReleaseSource releases,
      ReleasePublisher publisher, ArtifactTransport transport, Fer2013Data base, Fer2013Data holdout, Path stateDir,
      Duration checkInterval, TrainerMetrics metrics, Clock clock) throws IOException {
    this.buffer = buffer;
    this.policy = policy;
    this.runner = runner;
    this.releases = releases;
    this.publisher = publisher;
    this.transport = transport;
    this.base = base;
    this.holdout = holdout;
    this.stateDir = stateDir;
    this.checkInterval = checkInterval;
    this.metrics = metrics;
    this.clock = clock;
    this.state = RoundState.load(stateFile(), clock.millis());
  }

  private Path stateFile() {
    return stateDir.resolve("rounds").resolve("state.json");
  }

  /** Asks for a round at the next check, whatever the policy says. */
  public void requestRound() {
    requested.set(true);
  }

  /** Labels that arrived since the last round. */
  public long pendingLabels() {
    return buffer.countSince(state.offsets());
  }

  public RoundState state() {
    return state;
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        Thread.sleep(checkInterval.toMillis());
        checkOnce();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One look at the buffer; runs a round when one is due. */
  void checkOnce() {
    TrainingBuffer.Snapshot view = buffer.view();
    long fresh = buffer.countSince(state.offsets());
    Instant now = clock.instant();
    String reason = requested.getAndSet(false) ? "requested" : policy.due(fresh, Instant.ofEpochMilli(
        state.lastRoundAtMillis()), now);
    if (reason == null) {
      return;
    }
    int round = state.lastRound() + 1;
    log.info("Round {} starts: {}; {} examples in the buffer", round, reason, view.examples().size());
    try {
      LiveRelease live = releases.current();
      Path dir = stateDir.resolve("rounds").resolve(String.format("round-%04d", round));
      RoundOutcome outcome = runner.run(round, live, view.examples(), base, holdout, dir);
      String liveNow = outcome.promoted() ? releases.current().releaseId() : live.releaseId();
      if (outcome.promoted() && !liveNow.equals(live.releaseId())) {
        // Someone promoted or rolled back while the round ran: the candidate was judged against a release that is
        // no longer live, so publishing it would silently undo their decision.
        log.warn("Round {}: {} passed the gate against {}, but {} went live meanwhile; not publishing it", round,
            outcome.candidateReleaseId(), live.releaseId(), liveNow);
        outcome = outcome.withoutPromotion("the live release changed to " + liveNow + " while the round ran");
        Files.writeString(outcome.reportDir().resolve("report.md"), "\n**Not published:** " + liveNow
            + " went live while the round ran; the candidate was judged against " + live.releaseId() + ".\n",
            java.nio.file.StandardOpenOption.APPEND);
      }
      if (outcome.promoted()) {
        PublishedRelease p = publisher.publish(Files.readAllBytes(outcome.candidateBundle()), ReleaseAction.PROMOTE,
            transport);
        log.info("Round {} promoted {} (published at {}-{}@{})", round, outcome.candidateReleaseId(), p.topic(),
            p.partition(), p.offset());
      } else if (outcome.decision() != null) {
        log.info("Round {} rejected {}; {} stays live", round, outcome.candidateReleaseId(), live.releaseId());
      }
      metrics.round(outcome);
      // Every round (skipped ones too) moves the counters on: a round trains on the whole buffer, so labels that
      // arrived before it are not "new" to the next one.
      state = new RoundState(round, now.toEpochMilli(), view.positions());
      state.save(stateFile());
    } catch (Exception | OutOfMemoryError e) {
      metrics.roundFailed();
      log.error("Round {} failed: {}", round, e.toString(), e);
      // Wait a full period (or the next batch of labels) before trying again instead of failing every second.
      state = new RoundState(state.lastRound(), now.toEpochMilli(), state.offsets());
    }
  }

  public void close() {
    closed = true;
  }
}
