package io.ferstream.ingest.run;

import io.ferstream.ingest.core.IngestStats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One line of progress on stderr: a bar and ETA when the source's length is known, frames, faces, crops and
 * crops/s. Redrawn in place on a terminal (4 times a second); one plain line every 10 s otherwise (logs, CI).
 */
public final class ProgressBar {

  private final PrintStream out;
  private final boolean interactive;
  private final long intervalNanos;
  private long lastDraw;
  private boolean drawn;

  public ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
    this.intervalNanos = interactive ? 250_000_000L : 10_000_000_000L;
  }

  /** On stderr, redrawn in place when a terminal is attached. */
  public static ProgressBar console() {
    return new ProgressBar(System.err, System.console() != null);
  }

  public static ProgressBar silent() {
    return new ProgressBar(null, false);
  }

  /** Redraws, at most every interval. */
  public void update(long frames, OptionalLong total, IngestStats stats, long elapsedNanos) {
    draw(frames, total, stats, elapsedNanos, false);
  }

  /** Draws the final state and ends the bar's line. */
  public void finish(long frames, OptionalLong total, IngestStats stats, long elapsedNanos) {
    if (out == null) {
      return;
    }
    draw(frames, total, stats, elapsedNanos, true);
    if (interactive) {
      out.println();
      out.flush();
    }
  }

  private void draw(long frames, OptionalLong total, IngestStats stats, long elapsedNanos, boolean force) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (!force && drawn && now - lastDraw < intervalNanos) {
      return;
    }
    lastDraw = now;
    drawn = true;
    String line = line(frames, total, stats, elapsedNanos);
    if (interactive) {
      out.print("\r" + line + "\033[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  static String line(long frames, OptionalLong total, IngestStats stats, long elapsedNanos) {
    double seconds = Math.max(1e-9, elapsedNanos / 1e9);
    double cropsPerSecond = stats.cropsSent() / seconds;
    StringBuilder b = new StringBuilder();
    if (total.isPresent() && total.getAsLong() > 0) {
      long all = total.getAsLong();
      double fraction = Math.min(1, frames / (double) all);
      int width = 24;
      int filled = (int) (fraction * width);
      b.append('[').append("=".repeat(filled)).append(filled < width ? ">" : "")
          .append(" ".repeat(Math.max(0, width - filled - 1))).append("] ")
          .append(String.format(Locale.ROOT, "%3.0f%% frames %d/%d", fraction * 100, frames, all));
      double eta = frames == 0 ? Double.NaN : seconds * (all - frames) / frames;
      b.append(String.format(Locale.ROOT, "  faces %d  crops %d (%.1f/s)  ETA %s", stats.facesDetected(),
          stats.cropsSent(), cropsPerSecond, eta(eta)));
    } else {
      b.append(String.format(Locale.ROOT, "frames %d  faces %d  crops %d (%.1f/s)  %s", frames, stats.facesDetected(),
          stats.cropsSent(), cropsPerSecond, eta(seconds).replace("?", "0s")));
    }
    return b.toString();
  }

  static String eta(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
