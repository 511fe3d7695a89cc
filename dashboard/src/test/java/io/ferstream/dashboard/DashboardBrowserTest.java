package io.ferstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser: headless Chromium (driven over the DevTools protocol) on the dashboard served by a
 * running aggregator, fed by a test producer of emotion events for three sessions. It checks that the page shows
 * the sessions, then that the session list, the numbers and the charts change when more events are produced (and
 * a new session starts) — by pushes alone, the page is never reloaded — and keeps a screenshot in
 * target/browser-artifacts/dashboard.png.
 */
class DashboardBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WINDOW_MS = 2_000;
  /** Per session: the class it mostly shows. */
  private static final Map<String, Emotion> SESSIONS = Map.of("cam-happy", Emotion.HAPPY, "cam-sad", Emotion.SAD,
      "cam-surprised", Emotion.SURPRISE);

  /** What the page shows, read from its DOM: per session the events, chart points, dominant class and lines. */
  private static final String SNAPSHOT = """
      JSON.stringify({
        status: document.getElementById('status').getAttribute('data-state'),
        pushes: +document.getElementById('push-total').textContent,
        listed: Array.from(document.querySelectorAll('#session-list li[data-session]')).map(li => li.dataset.session),
        cards: Array.from(document.querySelectorAll('.card')).map(c => ({
          id: c.dataset.session,
          events: +c.dataset.events,
          points: +c.dataset.points,
          dominant: c.dataset.dominant,
          emoji: c.querySelector('.big').textContent,
          counts: Array.from(c.querySelectorAll('.count .n')).map(n => +n.textContent),
          lines: Array.from(c.querySelectorAll('polyline')).map(p => p.getAttribute('points'))
        }))
      })""";

  /** A session that starts only after the page is open. */
  private static final String LATE_SESSION = "cam-late";

  @TempDir Path stateDir;

  @ClusterTest
  void shouldShowLiveSessionsAndUpdateNumbersAndChartsFromPushes(KafkaCluster cluster) throws Exception {
    Optional<Path> chromium = HeadlessChromium.binary();
    Assumptions.assumeTrue(chromium.isPresent(),
        "no chromium binary on the PATH (or CHROMIUM_BIN); .ci/run installs Debian's chromium");

    String events = cluster.uniqueTopic("emotion-events");
    String stats = cluster.uniqueTopic("session-emotion-stats");
    Map<String, Object> props = new HashMap<>();
    props.put(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    props.put(FerStreamConfig.TOPIC_EMOTION_EVENTS, events);
    props.put(FerStreamConfig.TOPIC_SESSION_STATS, stats);
    props.put(FerStreamConfig.TOPIC_PARTITIONS, 2);
    props.put(AggregatorConfig.APPLICATION_ID, "dashboard-browser-" + UUID.randomUUID());
    props.put(AggregatorConfig.STATE_DIR, stateDir.toString());
    props.put(AggregatorConfig.HTTP_HOST, "127.0.0.1");
    props.put(AggregatorConfig.HTTP_PORT, 0);
    props.put(AggregatorConfig.APPLICATION_SERVER_HOST, "127.0.0.1");
    props.put(AggregatorConfig.WINDOW_TUMBLING_SIZE_MS, WINDOW_MS);
    props.put("commit.interval.ms", 100);
    AggregatorConfig aggregatorConfig = new AggregatorConfig(props);
    Topics topics = Topics.from(aggregatorConfig);

    AggregatorApp app = new AggregatorApp(aggregatorConfig, AggregatorSerdes.from(topics));
    Dashboard dashboard = new Dashboard(new DashboardConfig(props));
    dashboard.mount(app::addContext);
    Serializer<EmotionEvent> serializer = topics.emotionEvents().valueSerde().serializer();
    try (app; dashboard; KafkaProducer<String, EmotionEvent> producer = new KafkaProducer<>(cluster.producerConfig(),
        new StringSerializer(), serializer)) {
      app.start();
      dashboard.start();
      assertThat(dashboard.awaitFeedPositioned(Duration.ofSeconds(60))).isTrue();
      URI page = app.httpUri();

      // Some history before the page opens: it must load it from the REST API.
      long base = System.currentTimeMillis() / WINDOW_MS * WINDOW_MS - 4 * WINDOW_MS;
      produce(producer, events, SESSIONS, base, 0, 5);
      await("REST API lists the sessions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(() -> restSessions(page).size() == SESSIONS.size());

      try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), page.toString(), 1400, 1000)) {
        JsonNode before = awaitSnapshot(browser, "the page shows every session, pushes connected",
            s -> s.path("status").asText().equals("live") && s.path("cards").size() == SESSIONS.size()
                && allCards(s, c -> c.path("events").asLong() >= 5 && c.path("points").asInt() >= 1));
        assertThat(JSON.convertValue(before.path("listed"), List.class)).containsExactlyInAnyOrderElementsOf(
            SESSIONS.keySet());
        for (JsonNode card : before.path("cards")) {
          Emotion expected = SESSIONS.get(card.path("id").asText());
          assertThat(card.path("dominant").asText()).isEqualTo(expected.name());
          assertThat(card.path("emoji").asText()).isEqualTo(emoji(expected));
          assertThat(card.path("lines")).hasSize(6);
        }

        // More events, in the next two windows: the page must follow by pushes alone.
        // And a session that starts while the page is open: it must join the list and get its card.
        Map<String, Emotion> more = new HashMap<>(SESSIONS);
        more.put(LATE_SESSION, Emotion.NEUTRAL);
        produce(producer, events, more, base, 1, 6);
        produce(producer, events, more, base, 2, 6);
        JsonNode after = awaitSnapshot(browser, "the list, the numbers and the charts moved",
            s -> s.path("listed").size() == SESSIONS.size() + 1 && hasCard(s, LATE_SESSION) && allCards(s, c -> {
              JsonNode old = card(before, c.path("id").asText());
              return c.path("events").asLong() >= old.path("events").asLong() + 12
                  && c.path("points").asInt() > old.path("points").asInt()
                  && !c.path("lines").equals(old.path("lines"));
            }));
        assertThat(after.path("pushes").asLong()).isGreaterThan(before.path("pushes").asLong());
        assertThat(JSON.convertValue(after.path("listed"), List.class)).contains(LATE_SESSION);
        JsonNode late = card(after, LATE_SESSION);
        assertThat(late.path("dominant").asText()).isEqualTo("NEUTRAL");
        assertThat(late.path("emoji").asText()).isEqualTo(emoji(Emotion.NEUTRAL));
        assertThat(after.path("status").asText()).isEqualTo("live");
        for (String id : SESSIONS.keySet()) {
          JsonNode card = card(after, id);
          Emotion expected = SESSIONS.get(id);
          long total = 0;
          for (JsonNode n : card.path("counts")) {
            total += n.asLong();
          }
          assertThat(total).isEqualTo(card.path("events").asLong());
          assertThat(card.path("counts").get(expected.ordinal()).asLong()).isEqualTo(17);
        }

        Path shot = browser.screenshot(Path.of("target", "browser-artifacts", "dashboard.png"));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        System.out.println("Dashboard screenshot: " + shot.toAbsolutePath());
      }
    }
  }

  /** {@code count} events per session in tumbling window {@code window} after {@code base}. */
  private static void produce(KafkaProducer<String, EmotionEvent> producer, String topic, Map<String, Emotion> sessions,
      long base, int window, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      long t = base + window * WINDOW_MS + i * (WINDOW_MS / (count + 1));
      for (Map.Entry<String, Emotion> s : sessions.entrySet()) {
        producer.send(new ProducerRecord<>(topic, s.getKey(), event(s.getKey(), t, s.getValue(), i)));
      }
    }
    producer.flush();
  }

  static EmotionEvent event(String session, long time, Emotion mostly, int i) {
    float[] p = new float[6];
    // Mostly one class, with a little of the next, varying from event to event so the lines move.
    p[mostly.ordinal()] = 0.6f + 0.05f * (i % 3);
    p[(mostly.ordinal() + 1) % 6] = 1 - p[mostly.ordinal()];
    return EmotionEvent.newBuilder()
        .setCropId(UUID.randomUUID().toString()).setSessionId(session)
        .setFrameTimestamp(Instant.ofEpochMilli(time)).setFrameNumber(i)
        .setIngestTimestamp(Instant.ofEpochMilli(time + 5)).setClassifiedTimestamp(Instant.ofEpochMilli(time + 50))
        .setProbabilities(new EmotionProbabilities(p[0], p[1], p[2], p[3], p[4], p[5]))
        .setPredicted(mostly).setConfidence(p[mostly.ordinal()])
        .setModelReleaseId("browser-test").setEnsembleSize(1).setBatchSize(1).setTrackId("t1")
        .build();
  }

  private static List<String> restSessions(URI base) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/api/sessions")).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return List.of();
    }
    return JSON.readTree(r.body()).path("sessions").findValuesAsText("sessionId").stream().distinct().toList();
  }

  private static JsonNode awaitSnapshot(HeadlessChromium browser, String what,
      java.util.function.Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    try {
      await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
        last[0] = JSON.readTree(browser.evaluate(SNAPSHOT).asText());
        return condition.test(last[0]);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + "; the page showed " + last[0] + "\nchromium:\n" + browser.output(), e);
    }
    return last[0];
  }

  /** True when every session of {@link #SESSIONS} has a card and each meets the condition. */
  private static boolean allCards(JsonNode snapshot, java.util.function.Predicate<JsonNode> condition) {
    for (String id : SESSIONS.keySet()) {
      if (!hasCard(snapshot, id) || !condition.test(card(snapshot, id))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasCard(JsonNode snapshot, String id) {
    for (JsonNode c : snapshot.path("cards")) {
      if (c.path("id").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode card(JsonNode snapshot, String id) {
    for (JsonNode c : snapshot.path("cards")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no card " + id + " in " + snapshot);
  }

  private static String emoji(Emotion e) {
    return switch (e) {
      case ANGRY -> "😠";
      case FEAR -> "😨";
      case HAPPY -> "😄";
      case SAD -> "😢";
      case SURPRISE -> "😲";
      case NEUTRAL -> "😐";
    };
  }
}
