package io.ferstream.ingest.run;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an ingest run went: its outcome, the counts, and the problems met. {@link #exitCode()} is what the
 * command returns: 0 only when the source was read to its end (or stopped on request) and every crop was
 * delivered.
 */
public record IngestSummary(String source, String destination, List<String> sessions, int sessionCount,
                            Outcome outcome, String error, long framesRead, IngestStats stats, long elapsedNanos) {

  /** How the run ended. */
  public enum Outcome {
    COMPLETED("completed"),
    STOPPED("stopped on request"),
    LIMIT_REACHED("stopped at --max-frames"),
    EMPTY("the source yielded no frame"),
    SOURCE_FAILED("source failed"),
    PUBLISH_FAILED("publishing failed");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public int exitCode() {
    boolean sourceOk = outcome == Outcome.COMPLETED || outcome == Outcome.STOPPED || outcome == Outcome.LIMIT_REACHED;
    return sourceOk && stats.deliveryFailures() == 0 && stats.cropsAcked() == stats.cropsSent() ? 0 : 1;
  }

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  /** The summary table printed at the end of a run. */
  public String render() {
    StringBuilder b = new StringBuilder();
    double s = Math.max(1e-9, seconds());
    b.append("ingest summary: ").append(source).append(" -> ").append(destination).append('\n');
    row(b, "outcome", outcome.text() + (error == null ? "" : ": " + error));
    row(b, "sessions", sessionCount <= 3 ? String.join(", ", sessions)
        : sessionCount + " (" + String.join(", ", sessions.subList(0, 3)) + ", ...)");
    row(b, "frames read", String.format(Locale.ROOT, "%,d", framesRead));
    if (stats.framesProcessed() > 0 || stats.framesDecoded() > 0) {
      row(b, "frames decoded", String.format(Locale.ROOT, "%,d", stats.framesDecoded()));
      row(b, "frames processed", String.format(Locale.ROOT, "%,d", stats.framesProcessed()));
      row(b, "frames without faces", String.format(Locale.ROOT, "%,d", stats.framesWithoutFaces()));
      row(b, "faces detected", String.format(Locale.ROOT, "%,d", stats.facesDetected()));
    }
    row(b, "crops published", String.format(Locale.ROOT, "%,d (delivered %,d, failed %,d)", stats.cropsSent(),
        stats.cropsAcked(), stats.deliveryFailures()));
    if (stats.firstDeliveryError() != null) {
      row(b, "first delivery error", stats.firstDeliveryError());
    }
    Map<Problem, Long> problems = stats.problems();
    if (problems.isEmpty()) {
      row(b, "problems", "none");
    } else {
      problems.forEach((kind, n) -> row(b, "problem", String.format(Locale.ROOT, "%,d %s", n, kind.description())));
    }
    row(b, "elapsed", String.format(Locale.ROOT, "%.1f s (%.1f frames/s, %.1f crops/s)", seconds(),
        framesRead / s, stats.cropsSent() / s));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "  %-22s %s%n", name, value));
  }
}
