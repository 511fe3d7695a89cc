package io.ferstream.aggregator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.aggregator.api.StatsJson;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.testing.Events;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared by the aggregator's integration tests: settings, producing events, REST calls. */
final class ItSupport {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ItSupport() {}

  /** Settings of one aggregator instance on the given cluster and topics. */
  static Map<String, Object> settings(String bootstrap, String registry, String appId, String events, String stats,
      Path stateDir) {
    Map<String, Object> s = new HashMap<>();
    s.put(AggregatorConfig.BOOTSTRAP_SERVERS, bootstrap);
    s.put(AggregatorConfig.SCHEMA_REGISTRY_URL, registry);
    s.put(AggregatorConfig.APPLICATION_ID, appId);
    s.put(AggregatorConfig.TOPIC_EMOTION_EVENTS, events);
    s.put(AggregatorConfig.TOPIC_SESSION_STATS, stats);
    s.put(AggregatorConfig.HTTP_PORT, 0);
    s.put(AggregatorConfig.TOPICS_CREATE_MISSING, false);
    s.put(AggregatorConfig.STATE_DIR, stateDir.toString());
    s.put("commit.interval.ms", "100");
    // A member that left stays in the group until its session times out; keep restarts quick.
    s.put("session.timeout.ms", "10000");
    s.put("heartbeat.interval.ms", "2000");
    return s;
  }

  /**
   * Sends {@code perSession} in-order events to each of {@code sessions} sessions, event times {@code base} +
   * 500 ms steps from index {@code from}; waits for every send.
   */
  static void produce(String bootstrap, AggregatorConfig config, String topic, int sessions, int from,
      int perSession, long base) throws Exception {
    var serializer = Topics.from(config).emotionEvents().valueSerde().serializer();
    // One request in flight: see classifier-stream's ExactlyOnceCrashTest#producer (lost records on fresh topics).
    Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    List<Future<?>> sends = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (int i = from; i < from + perSession; i++) {
        for (int s = 0; s < sessions; s++) {
          EmotionEvent event = Events.happy(session(s), base + i * 500L);
          sends.add(producer.send(new ProducerRecord<>(topic, event.getSessionId(),
              serializer.serialize(topic, event))));
        }
      }
      producer.flush();
      for (Future<?> send : sends) {
        send.get(60, TimeUnit.SECONDS);
      }
    }
  }

  static String session(int s) {
    return "session-" + s;
  }

  /** Event-time base: now, rounded down to the minute (so windows line up), minus ten minutes. */
  static long base() {
    long now = System.currentTimeMillis();
    return now - now % 60_000 - 600_000;
  }

  static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return StatsJson.MAPPER.readTree(response.body());
  }

  /** The SESSION_TOTAL event counts of each session, in the order they were committed. */
  static Map<String, List<Long>> totalsBySession(List<ConsumerRecord<String, SessionEmotionStats>> records) {
    Map<String, List<Long>> totals = new HashMap<>();
    for (ConsumerRecord<String, SessionEmotionStats> r : records) {
      if (r.value().getWindowType() == WindowType.SESSION_TOTAL) {
        totals.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getEventCount());
      }
    }
    return totals;
  }
}
