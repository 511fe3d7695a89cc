package io.ferstream.replay.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads exactly the records of an {@link OffsetRange}: partitions are assigned (no consumer group, nothing
 * committed), each is read from its start until its position reaches its end, and the reader returns. A partition
 * is done by position, not by the last record seen, so transaction markers and aborted records at the end of a
 * range do not make it wait forever.
 */
public final class RangeReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Duration stallTimeout;

  /** @param stallTimeout how long polling may bring no progress before the read fails */
  public RangeReader(Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
  }

  /**
   * Calls {@code sink} with every record of {@code range}, partition by partition interleaved as the broker
   * returns them.
   *
   * @return the number of records passed to {@code sink}
   * @throws IllegalStateException when no progress was made for the stall timeout
   */
  public <K, V> long read(KafkaConsumer<K, V> consumer, OffsetRange range, Consumer<ConsumerRecord<K, V>> sink) {
    Map<TopicPartition, Long> remaining = new HashMap<>();
    range.start().forEach((tp, start) -> {
      long end = range.end().get(tp);
      if (end > start) {
        remaining.put(tp, end);
      }
    });
    if (remaining.isEmpty()) {
      return 0;
    }
    consumer.assign(new ArrayList<>(remaining.keySet()));
    remaining.keySet().forEach(tp -> consumer.seek(tp, range.start().get(tp)));
    long count = 0;
    long lastProgress = System.nanoTime();
    Map<TopicPartition, Long> lastPosition = new HashMap<>();
    while (!remaining.isEmpty()) {
      ConsumerRecords<K, V> records = consumer.poll(POLL);
      for (ConsumerRecord<K, V> r : records) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long end = remaining.get(tp);
        if (end != null && r.offset() < end && range.inTime(r.timestamp())) {
          sink.accept(r);
          count++;
        }
      }
      List<TopicPartition> done = new ArrayList<>();
      for (Map.Entry<TopicPartition, Long> e : remaining.entrySet()) {
        long position = consumer.position(e.getKey());
        if (position >= e.getValue()) {
          done.add(e.getKey());
        }
        Long before = lastPosition.put(e.getKey(), position);
        if (before == null || before != position) {
          lastProgress = System.nanoTime();
        }
      }
      if (!done.isEmpty()) {
        done.forEach(remaining::remove);
        consumer.pause(done);
      }
      if (!remaining.isEmpty() && System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
        throw new IllegalStateException("reading " + range.topic() + " made no progress for " + stallTimeout
            .toSeconds() + " s; still to read: " + remaining);
      }
    }
    return count;
  }
}
