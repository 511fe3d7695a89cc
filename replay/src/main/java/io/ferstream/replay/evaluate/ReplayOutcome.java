package io.ferstream.replay.evaluate;

import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.McNemarResult;
import java.util.List;

/**
 * What a replay measured.
 *
 * @param recording     the replayed crops and what was left out
 * @param results       one evaluation per release, on the same crops in the same order
 * @param engines       the engine that served each release ({@code samediff}, {@code dl4j})
 * @param comparison    McNemar's test of the first release (A) against the second (B); null with one release
 * @param scoringSeconds wall-clock time of scoring, all releases
 */
public record ReplayOutcome(Recording recording, List<EvaluationResult> results, List<String> engines,
    McNemarResult comparison, double scoringSeconds) {

  public ReplayOutcome {
    results = List.copyOf(results);
    engines = List.copyOf(engines);
  }

  /** Records read per second of reading (the Kafka side of the replay). */
  public double readRate() {
    return recording.readSeconds() > 0 ? recording.recordsRead() / recording.readSeconds() : 0;
  }

  /** Labelled crops replayed per second end to end: reading plus scoring with every release. */
  public double endToEndRate() {
    double s = recording.readSeconds() + scoringSeconds;
    return s > 0 ? recording.size() / s : 0;
  }
}
