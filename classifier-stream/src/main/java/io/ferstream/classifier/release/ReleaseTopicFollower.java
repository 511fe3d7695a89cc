package io.ferstream.classifier.release;

import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.schemas.ModelRelease;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted model-releases topic from its beginning, without a consumer group (every instance sees
 * every release). {@link #catchUp()} reads up to the end as of the start and returns the live release;
 * {@link #follow} then hands each later release to a callback from a background thread.
 */
public final class ReleaseTopicFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReleaseTopicFollower.class);

  private final String topic;
  private final String channel;
  private final Deserializer<ModelRelease> deserializer;
  private final Duration timeout;
  private final ClassifierMetrics metrics;
  private final KafkaConsumer<String, byte[]> consumer;
  private Thread thread;
  private volatile boolean closed;

  public ReleaseTopicFollower(Map<String, Object> clientConfig, String topic, String channel,
      Deserializer<ModelRelease> deserializer, Duration timeout, ClassifierMetrics metrics) {
    this.topic = topic;
    this.channel = channel == null ? "" : channel;
    this.deserializer = deserializer;
    this.timeout = timeout;
    this.metrics = metrics;
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 128 * 1024 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 128 * 1024 * 1024);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Reads the topic up to its current end; the last release on it, if any. */
  public Optional<ReleaseCandidate> catchUp() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      log.info("Topic {} does not exist yet: no release on it", topic);
      consumer.assign(List.of());
      return Optional.empty();
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Latest latest = new Latest();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " to its end took over "
            + timeout);
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        decode(r).ifPresent(m -> latest.offer(m, r));
      }
    }
    latest.best.ifPresent(c -> log.info("Live release on {}: {}", topic, c.releaseId()));
    return latest.best;
  }

  /** From now on, hands every new release to {@code onRelease}, on a background thread. */
  public void follow(Consumer<ReleaseCandidate> onRelease) {
    thread = DaemonThreads.named("release-follower").newThread(() -> {
      try {
        while (!closed) {
          if (consumer.assignment().isEmpty()) {
            // The topic did not exist at start: look for it again now and then.
            Thread.sleep(1_000);
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null && !infos.isEmpty()) {
              List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
              consumer.assign(tps);
              consumer.seekToBeginning(tps);
            }
            continue;
          }
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            decode(r).ifPresent(m -> onRelease.accept(ReleaseCandidate.of(m, origin(r))));
          }
        }
      } catch (WakeupException | InterruptedException e) {
        // closing
      } catch (RuntimeException e) {
        if (!closed) {
          log.error("Stopped following {}: {}", topic, e.toString(), e);
        }
      } finally {
        consumer.close(Duration.ofSeconds(5));
      }
    });
    thread.start();
  }

  private Optional<ModelRelease> decode(ConsumerRecord<String, byte[]> r) {
    if (!channel.isEmpty() && !channel.equals(r.key())) {
      return Optional.empty();
    }
    if (r.value() == null) {
      return Optional.empty(); // a tombstone of a compacted-away channel
    }
    try {
      return Optional.of(deserializer.deserialize(r.topic(), r.value()));
    } catch (RuntimeException e) {
      metrics.releaseRejected();
      log.error("Rejected undecodable release record {}: {}", origin(r), e.toString());
      return Optional.empty();
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), timeout) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String origin(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }

  /**
   * The live release: the last record of the (single-partition, compacted) topic. With several partitions, the
   * record published last wins. The release's own createdTimestamp is not used: a ROLLBACK re-publishes an older
   * release, which must win over the newer one it replaces.
   */
  private static final class Latest {
    Optional<ReleaseCandidate> best = Optional.empty();
    long bestTimestamp = Long.MIN_VALUE;

    void offer(ModelRelease m, ConsumerRecord<String, byte[]> r) {
      if (r.timestamp() >= bestTimestamp) {
        bestTimestamp = r.timestamp();
        best = Optional.of(ReleaseCandidate.of(m, origin(r)));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      consumer.wakeup();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
