package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead letters of the feedback topology, built with {@link DeadLetters} (original bytes, the original headers, the
 * KIP-1034 error headers, stage {@code processing}) plus {@link #HEADER_REASON}. The topology produces them itself
 * rather than through Kafka Streams' processing exception handler: past the repartition topic the handler would
 * name the repartition record, not the original one.
 */
public final class FeedbackDeadLetters {

  /** Header with the {@link DeadLetterReason#label()} of a dead letter. */
  public static final String HEADER_REASON = "ferstream.errors.reason";

  private FeedbackDeadLetters() {}

  /**
   * The record to forward for a dead letter of {@code source}'s record.
   *
   * @param routingKey the key the record travels under inside the topology (not written to the dead-letter topic)
   * @param fallbackTimestamp the timestamp to use when the source has none
   */
  static <V> Record<String, Routed<V>> record(String deadLetterTopic, String routingKey, byte[] key, byte[] value,
      DeadLetters.Source source, long fallbackTimestamp, InvalidFeedbackException error) {
    ProducerRecord<byte[], byte[]> dead = DeadLetters.record(deadLetterTopic, key, value, source,
        DeadLetters.Stage.PROCESSING, error);
    dead.headers().add(HEADER_REASON, error.reason().label().getBytes(StandardCharsets.UTF_8));
    long timestamp = dead.timestamp() != null ? dead.timestamp() : Math.max(0, fallbackTimestamp);
    return new Record<>(routingKey, new Routed.DeadLetter<>(dead.key(), dead.value()), timestamp, dead.headers());
  }
}
