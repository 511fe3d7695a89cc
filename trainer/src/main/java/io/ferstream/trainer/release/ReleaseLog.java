package io.ferstream.trainer.release;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.ModelRelease;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the model-releases topic the way a classifier does at start: assigned partitions from the beginning, no
 * consumer group (nothing committed, nothing to clean up), {@code read_committed}, and fetch sizes large enough for
 * a bundle travelling inline. Each call opens and closes its own consumer: release operations are rare, and a fresh
 * read sees the topic as it is now.
 *
 * <p>Compaction: model-releases is compacted on the channel key, so older records of a channel disappear once the
 * log cleaner runs; the history then starts later than the first release ever published (see {@link ReleaseHistory}).
 */
public final class ReleaseLog {

  /** As the classifier's follower: above any FER2013 ensemble, so one inline bundle always fits a fetch. */
  static final int FETCH_BYTES = 128 * 1024 * 1024;

  private final Map<String, Object> clientConfig;
  private final String topic;
  private final Deserializer<ModelRelease> deserializer;
  private final Duration timeout;

  /**
   * @param clientConfig consumer settings, at least {@code bootstrap.servers}; a group id, if any, is dropped
   * @param deserializer ModelRelease values in Confluent's wire format ({@code Topics.modelReleases()})
   * @param timeout the longest to wait for metadata and to read the topic to its end
   */
  public ReleaseLog(Map<String, Object> clientConfig, String topic, Deserializer<ModelRelease> deserializer,
      Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.deserializer = deserializer;
    this.timeout = timeout;
  }

  /** The log of the topic named by {@code topic.model.releases}, with the registry-backed deserializer. */
  public static ReleaseLog from(FerStreamConfig config, Duration timeout) {
    return new ReleaseLog(ReleaseClients.consumer(config), config.getString(FerStreamConfig.TOPIC_MODEL_RELEASES),
        Topics.from(config).modelReleases().valueSerde().deserializer(), timeout);
  }

  public String topic() {
    return topic;
  }

  /**
   * Reads every record from the beginning to the end the topic has now. A topic that does not exist reads as
   * an empty history (nothing was ever released on it).
   *
   * @throws TimeoutException when the end is not reached within the timeout
   */
  public ReleaseHistory read() {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty()) {
        return new ReleaseHistory(topic, List.of(), 0);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      List<ReleaseEntry> entries = new ArrayList<>();
      int skipped = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " to its end took over " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Optional<ModelRelease> release = decode(r);
          if (release.isPresent()) {
            entries.add(ReleaseEntry.of(release.get(), r.key(), r.partition(), r.offset(), r.timestamp()));
          } else {
            skipped++;
          }
        }
      }
      entries.sort(Comparator.comparingInt(ReleaseEntry::partition).thenComparingLong(ReleaseEntry::offset));
      return new ReleaseHistory(topic, entries, skipped);
    }
  }

  /**
   * The bundle bytes of an inline entry, read back from its offset; empty when the entry travelled by reference
   * or its record has been compacted away since the history was read.
   */
  public Optional<byte[]> inlineBundle(ReleaseEntry entry) {
    if (entry.transport() != ArtifactTransport.INLINE) {
      return Optional.empty();
    }
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, entry.partition());
      consumer.assign(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      if (entry.offset() >= end) {
        return Optional.empty();
      }
      consumer.seek(tp, entry.offset());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(tp, timeout) <= entry.offset()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + tp + "@" + entry.offset() + " took over " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() == entry.offset()) {
            return decode(r).map(ModelRelease::getArtifact).map(ReleaseLog::bytes);
          }
          if (r.offset() > entry.offset()) {
            return Optional.empty(); // compacted away
          }
        }
      }
      return Optional.empty();
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ferstream-release-log-" + UUID.randomUUID().toString()
        .substring(0, 8));
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null) {
      return List.of();
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), timeout) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private Optional<ModelRelease> decode(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return Optional.empty(); // a tombstone
    }
    try {
      return Optional.ofNullable(deserializer.deserialize(r.topic(), r.value()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
