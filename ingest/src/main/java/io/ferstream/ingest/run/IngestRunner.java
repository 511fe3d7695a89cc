package io.ferstream.ingest.run;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.publish.CropPublisher;
import io.ferstream.ingest.publish.PublishException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one ingest run: takes steps from the source, paces them, hands their crops to the publisher in order,
 * shows progress, and on any ending (the source's end, a stop request, a failure) flushes what is in flight
 * and returns the summary. It never throws for bad input: the summary says what happened.
 */
public final class IngestRunner {

  private static final Logger log = LoggerFactory.getLogger(IngestRunner.class);
  /** Session ids listed in the summary (all are counted). */
  private static final int SESSIONS_LISTED = 10;

  private final Pacer pacer;
  private final ProgressBar progress;
  private final long maxFrames;
  private final AtomicBoolean stop;

  /**
   * @param maxFrames stop after this many source frames (0: no limit)
   * @param stop set from another thread (Ctrl-C) to end the run after the current step
   */
  public IngestRunner(Pacer pacer, ProgressBar progress, long maxFrames, AtomicBoolean stop) {
    this.pacer = pacer;
    this.progress = progress;
    this.maxFrames = maxFrames;
    this.stop = stop;
  }

  public IngestSummary run(String description, String destination, Source source, CropPublisher publisher,
                           IngestStats stats) {
    long start = System.nanoTime();
    long frames = 0;
    Set<String> sessions = new LinkedHashSet<>();
    IngestSummary.Outcome outcome = IngestSummary.Outcome.COMPLETED;
    String error = null;
    try {
      Step step;
      while (true) {
        if (stop.get()) {
          outcome = IngestSummary.Outcome.STOPPED;
          break;
        }
        if (maxFrames > 0 && frames >= maxFrames) {
          outcome = IngestSummary.Outcome.LIMIT_REACHED;
          break;
        }
        step = source.next();
        if (step == null) {
          break;
        }
        if (!source.live()) {
          pacer.await(step.timestampMillis());
        }
        for (Crop crop : step.crops()) {
          sessions.add(crop.sessionId());
          publisher.publish(crop);
        }
        frames += step.framesConsumed();
        progress.update(frames, source.expectedFrames(), stats, System.nanoTime() - start);
      }
      if (outcome == IngestSummary.Outcome.COMPLETED && frames == 0) {
        outcome = IngestSummary.Outcome.EMPTY;
      }
    } catch (IOException e) {
      outcome = IngestSummary.Outcome.SOURCE_FAILED;
      error = e.getMessage();
    } catch (PublishException e) {
      outcome = IngestSummary.Outcome.PUBLISH_FAILED;
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = IngestSummary.Outcome.STOPPED;
    } catch (RuntimeException e) {
      // Not bad input (that is counted where it is met): a bug or a native failure. Report it, still flush.
      log.error("ingest failed", e);
      outcome = IngestSummary.Outcome.SOURCE_FAILED;
      error = e.toString();
    } finally {
      try {
        publisher.flush();
      } catch (RuntimeException e) {
        log.error("flushing the producer failed: {}", e.toString());
      }
      progress.finish(frames, source.expectedFrames(), stats, System.nanoTime() - start);
    }
    List<String> listed = sessions.stream().limit(SESSIONS_LISTED).toList();
    return new IngestSummary(description, destination, listed, sessions.size(), outcome, error, frames, stats,
        System.nanoTime() - start);
  }
}
