package io.ferstream.classifier.it;

import io.ferstream.schemas.EmotionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with {@code isolation.level=read_committed}, in the background. */
final class CommittedEvents implements AutoCloseable {

  private final KafkaConsumer<String, EmotionEvent> consumer;
  private final List<EmotionEvent> events = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> perCrop = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  CommittedEvents(String bootstrap, String topic, int partitions, Deserializer<EmotionEvent> deserializer) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer);
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(topic, p));
    }
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    thread = new Thread(() -> {
      try {
        while (!closed) {
          for (ConsumerRecord<String, EmotionEvent> r : consumer.poll(Duration.ofMillis(100))) {
            events.add(r.value());
            perCrop.merge(r.value().getCropId(), 1, Integer::sum);
          }
        }
      } catch (WakeupException e) {
        // closing
      } finally {
        consumer.close();
      }
    }, "committed-events");
    thread.setDaemon(true);
    thread.start();
  }

  int total() {
    return events.size();
  }

  int distinctCrops() {
    return perCrop.size();
  }

  List<EmotionEvent> events() {
    return List.copyOf(events);
  }

  /** Crop ids that got more than one committed event. */
  List<String> duplicates() {
    return perCrop.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
        .collect(Collectors.toList());
  }

  Map<String, Integer> perCrop() {
    return Map.copyOf(perCrop);
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    thread.join(10_000);
  }
}
