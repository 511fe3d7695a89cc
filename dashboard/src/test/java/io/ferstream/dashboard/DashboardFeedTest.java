package io.ferstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The dashboard's feed against a real broker and registry: new statistics reach a connected browser. */
class DashboardFeedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static SessionEmotionStats stats(String session, WindowType type, long start, long events, Emotion dominant) {
    float top = 0.75f;
    float rest = (1 - top) / 5;
    return SessionEmotionStats.newBuilder()
        .setSessionId(session).setWindowType(type)
        .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + 10_000))
        .setEventCount(events).setFaceCount(1)
        .setCountsByClass(Map.of(dominant.name(), events))
        .setMeanProbabilities(new EmotionProbabilities(
            dominant == Emotion.ANGRY ? top : rest, dominant == Emotion.FEAR ? top : rest,
            dominant == Emotion.HAPPY ? top : rest, dominant == Emotion.SAD ? top : rest,
            dominant == Emotion.SURPRISE ? top : rest, dominant == Emotion.NEUTRAL ? top : rest))
        .setDominant(dominant).setValence(dominant == Emotion.HAPPY ? 0.7f : -0.2f)
        .setUpdatedTimestamp(Instant.now())
        .build();
  }

  @ClusterTest
  void shouldPushEachNewStatisticsRecordToConnectedBrowsersAndSkipUndecodableOnes(KafkaCluster cluster)
      throws Exception {
    String topic = cluster.uniqueTopic("stats");
    cluster.createTopic(topic, 3);
    DashboardConfig config = DashboardConfig.of(Map.of(
        FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl(),
        FerStreamConfig.TOPIC_SESSION_STATS, topic,
        DashboardConfig.SSE_HEARTBEAT_MS, 500));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    Dashboard dashboard = new Dashboard(config);
    dashboard.mount(server);
    server.start();
    Serializer<SessionEmotionStats> serializer = Topics.from(config).sessionEmotionStats().valueSerde().serializer();
    try (dashboard; SseTestClient browser = new SseTestClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + Dashboard.STREAM_PATH));
         KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(),
             new ByteArraySerializer())) {
      // A record from before the start is history (the page loads it from the REST API), not news.
      producer.send(new ProducerRecord<>(topic, "old", serializer.serialize(topic,
          stats("old", WindowType.TUMBLING, 0, 1, Emotion.SAD)))).get();
      dashboard.start();
      assertThat(dashboard.awaitFeedPositioned(Duration.ofSeconds(60))).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> browser.events("hello").size() == 1);

      long now = System.currentTimeMillis();
      producer.send(new ProducerRecord<>(topic, "s1", "not avro".getBytes())).get();
      long sent = System.nanoTime();
      producer.send(new ProducerRecord<>(topic, "s1", serializer.serialize(topic,
          stats("s1", WindowType.TUMBLING, now, 4, Emotion.HAPPY)))).get();
      producer.send(new ProducerRecord<>(topic, "s2", serializer.serialize(topic,
          stats("s2", WindowType.SESSION_TOTAL, now, 9, Emotion.ANGRY)))).get();

      await().atMost(Duration.ofSeconds(10)).until(() -> browser.events("stats").size() >= 2);
      long latencyMs = (System.nanoTime() - sent) / 1_000_000;
      assertThat(browser.events("stats")).hasSize(2);
      JsonNode first = JSON.readTree(browser.events("stats").stream()
          .filter(e -> e.data().contains("\"s1\"")).findFirst().orElseThrow().data());
      assertThat(first.path("windowType").asText()).isEqualTo("TUMBLING");
      assertThat(first.path("dominant").asText()).isEqualTo("HAPPY");
      assertThat(first.path("counts").path("HAPPY").asLong()).isEqualTo(4);
      assertThat(first.path("probabilities").path("HAPPY").asDouble()).isEqualTo(0.75, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(browser.events("stats")).noneMatch(e -> e.data().contains("\"old\""));
      assertThat(dashboard.feed().undecodable()).isEqualTo(1);
      assertThat(latencyMs).as("push latency").isLessThan(1_000);
      await().atMost(Duration.ofSeconds(5)).until(() -> browser.lines().contains(":hb"));
    } finally {
      server.stop(0);
    }
  }
}
