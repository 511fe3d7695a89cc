package io.ferstream.trainer.round;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.schemas.TrainingExample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training buffer as rounds see it: every committed record of the compacted training-examples topic, read from
 * the beginning without a consumer group (the topic is the durable buffer: a restart re-reads it), keyed by crop id
 * so a relabel replaces the earlier label, bounded in memory to the newest {@code maxExamples}. Also tracks the
 * next offset per partition, which the retraining policy compares with the last round's.
 */
public final class TrainingBuffer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrainingBuffer.class);

  private final String topic;
  private final Deserializer<TrainingExample> deserializer;
  private final int maxExamples;
  private final KafkaConsumer<String, byte[]> consumer;
  private final LinkedHashMap<String, FeedbackExample> examples = new LinkedHashMap<>();
  /** Partition and offset of the record each example came from: what "new since the last round" is counted by. */
  private final Map<String, long[]> origins = new HashMap<>();
  private final Map<Integer, Long> positions = new TreeMap<>();
  private Thread thread;
  private volatile boolean closed;

  public TrainingBuffer(Map<String, Object> clientConfig, String topic, Deserializer<TrainingExample> deserializer,
      int maxExamples) {
    this.topic = topic;
    this.deserializer = deserializer;
    this.maxExamples = maxExamples;
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  /** Starts reading in the background. */
  public void start() {
    thread = DaemonThreads.named("training-buffer").newThread(this::run);
    thread.start();
  }

  private void run() {
    try {
      while (!closed && consumer.assignment().isEmpty()) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
          consumer.assign(tps);
          consumer.seekToBeginning(tps);
        } else {
          Thread.sleep(1_000);
        }
      }
      while (!closed) {
        var records = consumer.poll(Duration.ofMillis(500));
        synchronized (this) {
          for (ConsumerRecord<String, byte[]> r : records) {
            add(r);
          }
          for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp.partition(), consumer.position(tp));
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("Stopped reading the training buffer {}: {}", topic, e.toString(), e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void add(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      examples.remove(r.key()); // an operator's tombstone removes a label
      origins.remove(r.key());
      return;
    }
    try {
      FeedbackExample e = FeedbackExample.of(deserializer.deserialize(r.topic(), r.value()));
      examples.remove(e.cropId());
      examples.put(e.cropId(), e);
      origins.put(e.cropId(), new long[] {r.partition(), r.offset()});
      if (examples.size() > maxExamples) {
        String eldest = examples.keySet().iterator().next();
        examples.remove(eldest);
        origins.remove(eldest);
      }
    } catch (RuntimeException ex) {
      // Only the trainer's own stream writes this topic; a record it cannot read is reported, not trained on.
      log.warn("Skipping undecodable training example {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
          ex.toString());
    }
  }

  /** The buffer's examples and how far it had read when they were taken, as one consistent view. */
  public record Snapshot(List<FeedbackExample> examples, Map<Integer, Long> positions) {}

  public synchronized Snapshot view() {
    return new Snapshot(new ArrayList<>(examples.values()), new TreeMap<>(positions));
  }

  /** Next offset per partition: how far the buffer has read. */
  public synchronized Map<Integer, Long> positions() {
    return new TreeMap<>(positions);
  }

  /**
   * Examples whose record is at or beyond {@code offsets} (next offset per partition, as {@link #positions()} gives):
   * the labels that arrived since those positions were taken. Counted by record, not by offset difference, because
   * exactly-once writes leave transaction markers that take offsets too.
   */
  public synchronized long countSince(Map<Integer, Long> offsets) {
    long n = 0;
    for (long[] o : origins.values()) {
      if (o[1] >= offsets.getOrDefault((int) o[0], 0L)) {
        n++;
      }
    }
    return n;
  }

  public synchronized int size() {
    return examples.size();
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    if (thread != null) {
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
