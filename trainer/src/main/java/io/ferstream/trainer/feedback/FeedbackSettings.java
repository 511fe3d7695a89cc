package io.ferstream.trainer.feedback;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of the feedback topology ({@link FeedbackTopology}).
 *
 * @param cropRetention how long a face crop's pixels stay in the crop store for feedback without pixels to find
 *                      them, measured against the feedback record's timestamp; also the retention of the store's
 *                      changelog. Feedback for an older crop is dead-lettered as unknown or expired. Bounded because
 *                      face-crops is a firehose and the store would otherwise grow without limit.
 * @param partitions    partition count of both repartition topics ({@code crops-by-id} and {@code feedback-by-id});
 *                      the same for both so that a crop and its feedback land in the same task.
 * @param maxTaskIdle   how long a task with feedback waiting may idle for a crop partition that has no buffered data
 *                      (Kafka Streams' {@code max.task.idle.ms}, see {@link #recommendedStreamsProperties()}).
 */
public record FeedbackSettings(Duration cropRetention, int partitions, Duration maxTaskIdle) {

  /** The default crop retention: a week, the default retention of face-crops itself. */
  public static final Duration DEFAULT_CROP_RETENTION = Duration.ofDays(7);
  /**
   * The default idle wait: long enough to ride out a crop partition that is a fetch or two behind, short enough not
   * to stall feedback noticeably (labels are given by people, seconds to days after their crop).
   */
  public static final Duration DEFAULT_MAX_TASK_IDLE = Duration.ofSeconds(2);
  /**
   * The shortest retention accepted: people label crops seconds to days after they were cut, so less than a minute
   * is surely a unit mistake.
   */
  public static final Duration MIN_CROP_RETENTION = Duration.ofMinutes(1);
  public static final int MAX_PARTITIONS = 10_000;

  public FeedbackSettings {
    Objects.requireNonNull(cropRetention, "cropRetention");
    Objects.requireNonNull(maxTaskIdle, "maxTaskIdle");
    if (cropRetention.compareTo(MIN_CROP_RETENTION) < 0) {
      throw new IllegalArgumentException("cropRetention must be at least " + MIN_CROP_RETENTION + ", got "
          + cropRetention);
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException("partitions must be in [1, " + MAX_PARTITIONS + "], got " + partitions);
    }
    if (maxTaskIdle.isNegative()) {
      throw new IllegalArgumentException("maxTaskIdle must not be negative, got " + maxTaskIdle);
    }
  }

  /** Settings with the given retention and partition count and the default idle wait. */
  public static FeedbackSettings of(Duration cropRetention, int partitions) {
    return new FeedbackSettings(cropRetention, partitions, DEFAULT_MAX_TASK_IDLE);
  }

  /**
   * The Kafka Streams properties the application running this topology should set (merge them into its own):
   * {@link StreamsConfig#MAX_TASK_IDLE_MS_CONFIG} = {@link #maxTaskIdle()}.
   *
   * <p>Why: the crop store and the feedback joiner share one task, which reads partition <i>p</i> of both
   * repartition topics. Kafka Streams processes a task's records in timestamp order across its partitions, but only
   * among the records it has buffered; when the crop partition has nothing buffered, a positive
   * {@code max.task.idle.ms} makes the task wait up to that long for it instead of processing the feedback at once.
   * So feedback labelled after its crop finds the crop even when the crop's partition lags. (With 0, the default,
   * Streams only waits for data it knows the broker has; with -1 it never waits.)
   */
  public Properties recommendedStreamsProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(maxTaskIdle.toMillis()));
    return props;
  }
}
