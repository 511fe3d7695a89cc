package io.ferstream.dashboard;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.schemas.SessionEmotionStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the statistics topic from its end and hands every new record to a sink (the push stream). It assigns
 * itself every partition instead of joining a consumer group: each dashboard instance must see every session, and
 * a restarted one wants only what is new (the page loads history from the REST API). It reads
 * {@code read_committed}, so it never shows statistics of an aborted transaction. A record that cannot be decoded
 * is counted and skipped. One thread; {@link #close()} wakes it and waits for it.
 */
public final class StatsFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatsFeed.class);

  private final Map<String, Object> consumerConfig;
  private final String topic;
  private final Deserializer<SessionEmotionStats> deserializer;
  private final Consumer<SessionEmotionStats> sink;
  private final Duration pollTimeout;
  private final CountDownLatch positioned = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private volatile boolean running;
  private volatile Throwable failure;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  public StatsFeed(Map<String, Object> consumerConfig, String topic, Deserializer<SessionEmotionStats> deserializer,
      Consumer<SessionEmotionStats> sink, Duration pollTimeout) {
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    this.consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ferstream-dashboard-feed");
    this.topic = topic;
    this.deserializer = deserializer;
    this.sink = sink;
    this.pollTimeout = pollTimeout;
  }

  /** Consumer settings from the configuration: every consumer key given (security, timeouts) plus the brokers. */
  public static Map<String, Object> consumerSettings(DashboardConfig config) {
    Set<String> consumerKeys = ConsumerConfig.configNames();
    Map<String, Object> settings = new HashMap<>();
    config.originals().forEach((k, v) -> {
      if (v != null && consumerKeys.contains(k) && !DashboardConfig.DASHBOARD_KEYS.contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  public void start() {
    running = true;
    thread = DaemonThreads.named("dashboard-stats-feed").newThread(this::run);
    thread.start();
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      if (!running) {
        return;
      }
      List<TopicPartition> partitions = awaitPartitions(c);
      if (partitions.isEmpty()) {
        return;
      }
      c.assign(partitions);
      c.seekToEnd(partitions);
      // position() resolves the end offsets now: what is produced from here on is seen, nothing older.
      partitions.forEach(c::position);
      log.info("Dashboard following {} ({} partitions) from its end", topic, partitions.size());
      positioned.countDown();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : c.poll(pollTimeout)) {
          deliver(record);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll: the normal way out.
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
        log.error("Dashboard feed of {} failed: {}", topic, e.toString(), e);
      }
    } finally {
      positioned.countDown();
    }
  }

  /** The partitions of the topic; waits for the topic to exist (the aggregator may not have created it yet). */
  private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> c) {
    boolean warned = false;
    while (running) {
      List<PartitionInfo> infos;
      try {
        infos = c.partitionsFor(topic, Duration.ofSeconds(5));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        infos = null;
      }
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        return partitions;
      }
      if (!warned) {
        log.warn("Topic {} does not exist yet; the dashboard waits for it", topic);
        warned = true;
      }
      try {
        closing.await(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return List.of();
  }

  private void deliver(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    SessionEmotionStats stats;
    try {
      stats = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      if (undecodable.incrementAndGet() == 1) {
        log.warn("Skipping undecodable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
            e.toString());
      }
      return;
    }
    try {
      sink.accept(stats);
      delivered.incrementAndGet();
    } catch (RuntimeException e) {
      log.warn("Dashboard sink failed on {}: {}", stats.getSessionId(), e.toString());
    }
  }

  /** Waits until the feed reads from the end of every partition; false on timeout or when it ended first. */
  public boolean awaitPositioned(Duration timeout) throws InterruptedException {
    return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && running && failure == null;
  }

  public long delivered() {
    return delivered.get();
  }

  public long undecodable() {
    return undecodable.get();
  }

  /** The error that stopped the feed, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    closing.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
