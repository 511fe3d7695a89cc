package io.ferstream.aggregator.it;

import static io.ferstream.aggregator.it.ItSupport.get;
import static io.ferstream.aggregator.it.ItSupport.json;
import static io.ferstream.aggregator.it.ItSupport.session;
import static io.ferstream.aggregator.it.ItSupport.totalsBySession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.testing.Events;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.testing.ChildJvm;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.testing.RecordCollector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through a crash: the aggregator runs in a child JVM with exactly_once_v2 while events keep arriving,
 * is killed with SIGKILL (no close, no commit) mid-stream and restarted on the same state directory. Every session's
 * committed SESSION_TOTAL records (read_committed) must only grow by real events and end at exactly the number sent;
 * the store (via REST) must say the same.
 */
class AggregatorCrashTest {

  private static final int SESSIONS = 8;
  private static final int ROUNDS = 150;

  @TempDir Path dir;
  private final List<ChildJvm> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (ChildJvm child : children) {
      child.close();
    }
  }

  @ClusterTest
  void shouldNotCountTwiceAfterSigkill(KafkaCluster cluster) throws Exception {
    String events = cluster.uniqueTopic("crash-events");
    String stats = cluster.uniqueTopic("crash-stats");
    cluster.createTopic(events, 3);
    cluster.createTopic(stats, 3);
    String appId = cluster.uniqueTopic("crash-aggregator");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(AggregatorConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(AggregatorConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    settings.put(AggregatorConfig.APPLICATION_ID, appId);
    settings.put(AggregatorConfig.TOPIC_EMOTION_EVENTS, events);
    settings.put(AggregatorConfig.TOPIC_SESSION_STATS, stats);
    settings.put(AggregatorConfig.TOPICS_CREATE_MISSING, "false");
    settings.put(AggregatorConfig.HTTP_PORT, Integer.toString(port));
    settings.put(AggregatorConfig.STATE_DIR, dir.resolve("state").toString());
    settings.put("commit.interval.ms", "100");
    // A SIGKILLed member stays in the group until its session times out; keep that short so the restart is quick.
    settings.put("session.timeout.ms", "10000");
    settings.put("heartbeat.interval.ms", "2000");
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    AggregatorConfig config = AggregatorConfig.of(new LinkedHashMap<>(settings));
    AggregatorSerdes serdes = AggregatorSerdes.from(Topics.from(config));

    try (RecordCollector<String, SessionEmotionStats> out =
        cluster.collector(stats, new StringDeserializer(), serdes.stats().deserializer())) {
      // Events keep arriving, one per session every 100 ms, across the crash and the restart.
      CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produceSlowly(cluster, serdes, events));

      ChildJvm first = start(settings, logs.resolve(appId + "-1.log"));
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
          .until(() -> committedSum(out) >= 2 * SESSIONS || !first.alive());
      assertThat(first.alive()).as("first run alive; log:\n%s", first.log()).isTrue();
      assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(137);
      assertThat(producing).as("still producing at the crash").isNotDone();

      ChildJvm second = start(settings, logs.resolve(appId + "-2.log"));
      producing.get(3, TimeUnit.MINUTES);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> committedSum(out) >= (long) SESSIONS * ROUNDS || !second.alive());
      assertThat(second.alive()).as("second run alive; log:\n%s", second.log()).isTrue();
      URI api = URI.create("http://localhost:" + port + "/");
      for (int s = 0; s < SESSIONS; s++) {
        assertThat(json(get(api, "/api/sessions/" + session(s))).get("total").get("eventCount").asLong())
            .isEqualTo(ROUNDS);
      }
      assertThat(second.stop(60)).as("exit status after SIGTERM; log:\n%s", second.log()).isEqualTo(143);

      // A double count would show up as a last total above ROUNDS, or as a committed total repeated.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
          .until(() -> committedSum(out) == (long) SESSIONS * ROUNDS);
      Map<String, List<Long>> totals = totalsBySession(out.poll());
      assertThat(totals).hasSize(SESSIONS);
      totals.forEach((session, counts) -> {
        assertThat(counts.get(counts.size() - 1)).as("last committed total of " + session).isEqualTo(ROUNDS);
        assertThat(counts).as("committed totals of " + session).isSorted().doesNotHaveDuplicates()
            .allSatisfy(c -> assertThat(c).isBetween(1L, (long) ROUNDS));
      });
    }
  }

  private ChildJvm start(Map<String, String> settings, Path log) throws java.io.IOException {
    ChildJvm child = ChildJvm.of("io.ferstream.aggregator.app.AggregatorMain")
        .jvmOptions("-Xmx512m", "-Dlogback.configurationFile=logback-child.xml").settings(settings).start(log);
    children.add(child);
    return child;
  }

  /** The sum over sessions of the latest committed SESSION_TOTAL. */
  private static long committedSum(RecordCollector<String, SessionEmotionStats> out) {
    return totalsBySession(out.poll()).values().stream().mapToLong(c -> c.get(c.size() - 1)).sum();
  }

  private static void produceSlowly(KafkaCluster cluster, AggregatorSerdes serdes, String topic) {
    long base = ItSupport.base();
    var serializer = serdes.event().serializer();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ByteArraySerializer())) {
      for (int round = 0; round < ROUNDS; round++) {
        for (int s = 0; s < SESSIONS; s++) {
          EmotionEvent event = Events.happy(session(s), base + round * 500L);
          producer.send(new ProducerRecord<>(topic, event.getSessionId(), serializer.serialize(topic, event)))
              .get(60, TimeUnit.SECONDS);
        }
        // Pacing the producer (not a wait for a condition): spreads the events over the crash and the restart.
        Thread.sleep(100);
      }
    } catch (Exception e) {
      throw new IllegalStateException("producing failed", e);
    }
  }
}
