package io.ferstream.replay.evaluate;

import io.ferstream.replay.range.OffsetRange;
import io.ferstream.replay.range.RangeBound;
import io.ferstream.replay.range.RangeReader;
import io.ferstream.replay.range.RangeResolver;
import io.ferstream.schemas.LabelledFeedback;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels of labelled-feedback, by crop id. The whole topic is read (it is keyed by crop id, not by time: a label
 * given today may be for a crop recorded last week); for a crop labelled more than once the latest
 * {@code labelledTimestamp} wins, and the later record among equal timestamps.
 */
public final class FeedbackLabels {

  private static final Logger log = LoggerFactory.getLogger(FeedbackLabels.class);

  private final Map<String, Integer> labels;
  private final long records;
  private final long undecodable;

  private FeedbackLabels(Map<String, Integer> labels, long records, long undecodable) {
    this.labels = labels;
    this.records = records;
    this.undecodable = undecodable;
  }

  /** No feedback (for {@link LabelPolicy#CROP}). */
  public static FeedbackLabels none() {
    return new FeedbackLabels(Map.of(), 0, 0);
  }

  /** Labels given in memory (tests). */
  public static FeedbackLabels of(Map<String, Integer> labels) {
    return new FeedbackLabels(Map.copyOf(labels), labels.size(), 0);
  }

  /**
   * Reads the topic.
   *
   * @param wanted keeps only the crop ids it accepts (to bound memory), e.g. the replayed crops' ids
   */
  public static FeedbackLabels read(KafkaConsumer<byte[], byte[]> consumer, String topic,
      Deserializer<LabelledFeedback> deserializer, Predicate<String> wanted, Duration timeout) {
    if (!RangeResolver.exists(consumer, topic, timeout)) {
      log.warn("No topic {}: no feedback labels", topic);
      return none();
    }
    OffsetRange all = new RangeResolver(consumer, timeout).resolve(topic, RangeBound.EARLIEST, RangeBound.LATEST);
    Map<String, Integer> labels = new HashMap<>();
    Map<String, Long> when = new HashMap<>();
    long[] counts = new long[2];
    new RangeReader(timeout).read(consumer, all, r -> {
      counts[0]++;
      LabelledFeedback f;
      try {
        f = r.value() == null ? null : deserializer.deserialize(topic, r.value());
      } catch (RuntimeException e) {
        counts[1]++;
        return;
      }
      if (f == null || !wanted.test(f.getCropId())) {
        return;
      }
      long t = f.getLabelledTimestamp().toEpochMilli();
      Long previous = when.get(f.getCropId());
      if (previous == null || t >= previous) {
        when.put(f.getCropId(), t);
        labels.put(f.getCropId(), Labels.index(f.getLabel()));
      }
    });
    consumer.unsubscribe();
    return new FeedbackLabels(labels, counts[0], counts[1]);
  }

  /** The label of {@code cropId}, or -1. */
  public int label(String cropId) {
    Integer l = labels.get(cropId);
    return l == null ? -1 : l;
  }

  public Set<String> cropIds() {
    return labels.keySet();
  }

  /** Records read from the topic. */
  public long records() {
    return records;
  }

  /** Records that were not LabelledFeedback. */
  public long undecodable() {
    return undecodable;
  }
}
