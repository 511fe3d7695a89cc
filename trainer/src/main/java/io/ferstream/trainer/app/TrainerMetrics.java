package io.ferstream.trainer.app;

import io.ferstream.trainer.feedback.FeedbackCounters;
import io.ferstream.trainer.round.RoundOutcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The trainer's metrics, in Prometheus' text format at {@code /metrics}: the feedback stream's counters, the
 * training buffer, and per-outcome round counts with the last round's numbers.
 */
public final class TrainerMetrics {

  private final FeedbackCounters feedback;
  private final LongSupplier bufferExamples;
  private final LongSupplier pendingLabels;
  private final AtomicLong promoted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong streamDeadLetters = new AtomicLong();
  private volatile RoundOutcome last;

  public TrainerMetrics(FeedbackCounters feedback, LongSupplier bufferExamples, LongSupplier pendingLabels) {
    this.feedback = feedback;
    this.bufferExamples = bufferExamples;
    this.pendingLabels = pendingLabels;
  }

  public void round(RoundOutcome o) {
    last = o;
    if (o.status() == RoundOutcome.Status.SKIPPED) {
      skipped.incrementAndGet();
    } else if (o.promoted()) {
      promoted.incrementAndGet();
    } else {
      rejected.incrementAndGet();
    }
  }

  public void roundFailed() {
    failed.incrementAndGet();
  }

  /** Records the Streams exception handlers sent to the dead-letter topic (undecodable input, say). */
  public void streamDeadLetter() {
    streamDeadLetters.incrementAndGet();
  }

  public long rounds(String outcome) {
    return switch (outcome) {
      case "promoted" -> promoted.get();
      case "rejected" -> rejected.get();
      case "skipped" -> skipped.get();
      case "failed" -> failed.get();
      default -> throw new IllegalArgumentException(outcome);
    };
  }

  public RoundOutcome lastRound() {
    return last;
  }

  public String prometheus() {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP ferstream_trainer_feedback_total Feedback records by what happened to them.\n")
        .append("# TYPE ferstream_trainer_feedback_total counter\n");
    feedback.snapshot().forEach((k, v) -> sb.append("ferstream_trainer_feedback_total{event=\"").append(k)
        .append("\"} ").append(v).append('\n'));
    counter(sb, "ferstream_trainer_stream_dead_letters_total",
        "Records the Streams exception handlers dead-lettered.", streamDeadLetters.get());
    gauge(sb, "ferstream_trainer_buffer_examples", "Examples in the training buffer (in memory).",
        bufferExamples.getAsLong());
    gauge(sb, "ferstream_trainer_pending_labels", "Labels that arrived since the last round.",
        pendingLabels.getAsLong());
    sb.append("# HELP ferstream_trainer_rounds_total Retraining rounds by outcome.\n")
        .append("# TYPE ferstream_trainer_rounds_total counter\n");
    Map<String, Long> rounds = new LinkedHashMap<>();
    rounds.put("promoted", promoted.get());
    rounds.put("rejected", rejected.get());
    rounds.put("skipped", skipped.get());
    rounds.put("failed", failed.get());
    rounds.forEach((k, v) -> sb.append("ferstream_trainer_rounds_total{outcome=\"").append(k).append("\"} ")
        .append(v).append('\n'));
    RoundOutcome o = last;
    if (o != null && o.decision() != null) {
      gauge(sb, "ferstream_trainer_last_round", "Number of the last round.", o.round());
      sb.append("# HELP ferstream_trainer_last_round_accuracy Accuracy of the last round's releases.\n")
          .append("# TYPE ferstream_trainer_last_round_accuracy gauge\n");
      line(sb, "holdout", "current", o.decision().holdoutCurrent());
      line(sb, "holdout", "candidate", o.decision().holdoutCandidate());
      line(sb, "feedback", "current", o.decision().feedbackCurrent());
      line(sb, "feedback", "candidate", o.decision().feedbackCandidate());
      gauge(sb, "ferstream_trainer_last_round_train_seconds", "Training time of the last round.", o.trainSeconds());
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String set, String release, double v) {
    sb.append(String.format(Locale.ROOT, "ferstream_trainer_last_round_accuracy{set=\"%s\",release=\"%s\"} %.6f%n",
        set, release, v));
  }

  private static void counter(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
        .append(" counter\n").append(name).append(' ').append(v).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, double v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(String.format(Locale.ROOT, "%s", v)).append('\n');
  }
}
