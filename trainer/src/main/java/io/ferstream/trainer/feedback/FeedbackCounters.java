package io.ferstream.trainer.feedback;

import io.ferstream.schemas.PixelSource;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the feedback topology did, counted since the counters were created; thread-safe (every stream thread of
 * the application reports to one instance). {@code accepted} counts every training example emitted and equals
 * {@code from-feedback-pixels + from-crop-store}; {@code relabelled} and {@code pixels-replaced} count the accepted
 * examples that replace an earlier one of the same crop; {@code duplicates} are dropped, not dead-lettered.
 *
 * <p>Counts are of processing attempts: after a crash, exactly-once replays uncommitted records, and they are
 * counted again.
 */
public final class FeedbackCounters {

  private enum Counter {
    ACCEPTED("accepted"),
    FROM_FEEDBACK_PIXELS("from-feedback-pixels"),
    FROM_CROP_STORE("from-crop-store"),
    DUPLICATES("duplicates"),
    RELABELLED("relabelled"),
    PIXELS_REPLACED("pixels-replaced"),
    CROPS_INDEXED("crops-indexed"),
    CROPS_SKIPPED("crops-skipped");

    boolean aboutCrops() {
      return this == CROPS_INDEXED || this == CROPS_SKIPPED;
    }

    final String label;

    Counter(String label) {
      this.label = label;
    }
  }

  /** The prefix of the dead-letter counters' names: {@code dead-lettered.<reason>}. */
  public static final String DEAD_LETTERED_PREFIX = "dead-lettered.";

  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  private final Map<DeadLetterReason, LongAdder> deadLettered = new EnumMap<>(DeadLetterReason.class);

  public FeedbackCounters() {
    for (Counter c : Counter.values()) {
      counters.put(c, new LongAdder());
    }
    for (DeadLetterReason r : DeadLetterReason.values()) {
      deadLettered.put(r, new LongAdder());
    }
  }

  /**
   * Every counter by name, in a fixed order: accepted, from-feedback-pixels, from-crop-store, duplicates,
   * relabelled, pixels-replaced, dead-lettered.&lt;reason&gt; for each {@link DeadLetterReason} in declaration order,
   * crops-indexed, crops-skipped.
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.forEach((c, n) -> {
      if (!c.aboutCrops()) {
        out.put(c.label, n.sum());
      }
    });
    deadLettered.forEach((r, n) -> out.put(DEAD_LETTERED_PREFIX + r.label(), n.sum()));
    counters.forEach((c, n) -> {
      if (c.aboutCrops()) {
        out.put(c.label, n.sum());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  public long accepted() {
    return counters.get(Counter.ACCEPTED).sum();
  }

  public long deadLettered(DeadLetterReason reason) {
    return deadLettered.get(reason).sum();
  }

  /** Dead letters of every reason. */
  public long deadLettered() {
    return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
  }

  void accepted(PixelSource source) {
    counters.get(Counter.ACCEPTED).increment();
    counters.get(source == PixelSource.FEEDBACK ? Counter.FROM_FEEDBACK_PIXELS : Counter.FROM_CROP_STORE)
        .increment();
  }

  void duplicate() {
    counters.get(Counter.DUPLICATES).increment();
  }

  void relabelled() {
    counters.get(Counter.RELABELLED).increment();
  }

  void pixelsReplaced() {
    counters.get(Counter.PIXELS_REPLACED).increment();
  }

  void cropIndexed() {
    counters.get(Counter.CROPS_INDEXED).increment();
  }

  void cropSkipped() {
    counters.get(Counter.CROPS_SKIPPED).increment();
  }

  void deadLetter(DeadLetterReason reason) {
    deadLettered.get(reason).increment();
  }
}
