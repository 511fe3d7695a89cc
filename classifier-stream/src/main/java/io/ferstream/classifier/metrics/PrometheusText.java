package io.ferstream.classifier.metrics;

import io.ferstream.common.streams.errors.DeadLetters;
import java.util.Locale;

/** Renders {@link ClassifierMetrics} in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String render(ClassifierMetrics m) {
    StringBuilder out = new StringBuilder(4096);
    String release = m.getReleaseId();
    gauge(out, "ferstream_classifier_release_info", "The live model release (value 1).",
        "{release_id=\"" + escape(release == null ? "" : release) + "\"}", release == null ? 0 : 1);
    gauge(out, "ferstream_classifier_crops_per_second", "Emotion events forwarded per second, last 10 s.", "",
        m.getCropsPerSecond());
    counter(out, "ferstream_classifier_crops_received_total", "Valid crops taken into a micro-batch.",
        m.getCropsReceivedTotal());
    counter(out, "ferstream_classifier_events_total", "Emotion events forwarded.", m.getEventsTotal());
    counter(out, "ferstream_classifier_batches_total", "Micro-batches scored.", m.getBatchesTotal());
    gauge(out, "ferstream_classifier_pending_crops", "Crops waiting for their batch or their forward.", "",
        m.getPendingCrops());
    histogram(out, "ferstream_classifier_batch_size", "Crops per scored micro-batch.", m.batchSizes());
    summary(out, "ferstream_classifier_queue_delay_ms", "Time a crop waited in its micro-batch before inference.",
        m.queueDelay());
    summary(out, "ferstream_classifier_end_to_end_latency_ms",
        "From the crop's ingest timestamp to its event being forwarded.", m.endToEnd());
    summary(out, "ferstream_classifier_inference_ms_per_batch", "Ensemble forward passes of one batch.",
        m.inference());
    out.append("# HELP ferstream_classifier_dead_letters_total Records sent to the dead-letter topic.\n")
        .append("# TYPE ferstream_classifier_dead_letters_total counter\n");
    for (DeadLetters.Stage s : DeadLetters.Stage.values()) {
      out.append("ferstream_classifier_dead_letters_total{stage=\"").append(s.name().toLowerCase(Locale.ROOT))
          .append("\"} ").append(m.deadLetters(s)).append('\n');
    }
    counter(out, "ferstream_classifier_forwards_committed_early_total",
        "Forwarded batches (per task) after which a commit was requested at once.",
        m.getForwardsCommittedEarlyTotal());
    counter(out, "ferstream_classifier_forwards_committed_at_interval_total",
        "Forwarded batches (per task) whose commit was left to commit.interval.ms: the stream was behind "
            + "batch.commit.on.forward.max.lag.ms, or early commits are off.",
        m.getForwardsCommittedAtIntervalTotal());
    counter(out, "ferstream_classifier_releases_rejected_total", "Releases that failed verification or loading.",
        m.getReleasesRejectedTotal());
    counter(out, "ferstream_classifier_release_swaps_total", "Releases swapped in after the first.",
        m.getReleaseSwapsTotal());
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  private static void histogram(StringBuilder out, String name, String help, BucketHistogram h) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" histogram\n");
    double[] bounds = h.bounds();
    for (int i = 0; i < bounds.length; i++) {
      out.append(name).append("_bucket{le=\"").append(number(bounds[i])).append("\"} ").append(h.cumulative(i))
          .append('\n');
    }
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(h.count()).append('\n')
        .append(name).append("_sum ").append(number(h.sum())).append('\n')
        .append(name).append("_count ").append(h.count()).append('\n');
  }

  private static void summary(StringBuilder out, String name, String help, SlidingWindow w) {
    out.append("# HELP ").append(name).append(' ').append(help).append(" Quantiles over the last samples.\n")
        .append("# TYPE ").append(name).append(" summary\n");
    double[] q = w.quantiles(0.5, 0.99);
    out.append(name).append("{quantile=\"0.5\"} ").append(number(q[0])).append('\n')
        .append(name).append("{quantile=\"0.99\"} ").append(number(q[1])).append('\n')
        .append(name).append("_sum ").append(number(w.sum())).append('\n')
        .append(name).append("_count ").append(w.count()).append('\n');
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
