package io.ferstream.aggregator.it;

import static io.ferstream.aggregator.it.ItSupport.base;
import static io.ferstream.aggregator.it.ItSupport.get;
import static io.ferstream.aggregator.it.ItSupport.json;
import static io.ferstream.aggregator.it.ItSupport.produce;
import static io.ferstream.aggregator.it.ItSupport.session;
import static io.ferstream.aggregator.it.ItSupport.settings;
import static io.ferstream.aggregator.it.ItSupport.totalsBySession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.aggregator.topology.EmotionAccumulator;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.testing.RecordCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across restarts, in this JVM on a real cluster: events, a graceful stop, more events, a restart on
 * the same state directory, more events and a restart on an empty one (state restored from the changelog). The
 * totals in the store and the last committed SESSION_TOTAL record of each session must equal the number of events
 * sent, and the committed totals must only ever grow by real events (no value above the number sent, none repeated).
 */
class AggregatorRestartClusterTest {

  private static final int SESSIONS = 6;
  private static final int PARTITIONS = 3;

  @TempDir Path dir;

  @ClusterTest
  void shouldCountEveryEventExactlyOnceAcrossRestarts(KafkaCluster cluster) throws Exception {
    String events = cluster.uniqueTopic("agg-events");
    String stats = cluster.uniqueTopic("agg-stats");
    cluster.createTopic(events, PARTITIONS);
    cluster.createTopic(stats, PARTITIONS);
    Map<String, Object> settings = settings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
        cluster.uniqueTopic("aggregator"), events, stats, dir.resolve("state-1"));
    AggregatorConfig config = AggregatorConfig.of(settings);
    long base = base();

    produce(cluster.bootstrapServers(), config, events, SESSIONS, 0, 20, base);
    runUntilTotals(config, 20);

    produce(cluster.bootstrapServers(), config, events, SESSIONS, 20, 20, base);
    runUntilTotals(config, 40); // same state directory: picks up from its checkpoint

    produce(cluster.bootstrapServers(), config, events, SESSIONS, 40, 5, base);
    settings.put(AggregatorConfig.STATE_DIR, dir.resolve("state-2").toString());
    runUntilTotals(AggregatorConfig.of(settings), 45); // empty state directory: restored from the changelog

    AggregatorSerdes serdes = AggregatorSerdes.from(Topics.from(config));
    try (RecordCollector<String, SessionEmotionStats> out =
        cluster.collector(stats, new StringDeserializer(), serdes.stats().deserializer())) {
      await().atMost(Duration.ofMinutes(1)).until(() -> totalsBySession(out.poll()).size() == SESSIONS
          && totalsBySession(out.poll()).values().stream().allMatch(t -> t.get(t.size() - 1) == 45));
      // Nothing more arrives: the apps are stopped and read_committed sees only committed transactions.
      List<ConsumerRecord<String, SessionEmotionStats>> all = out.poll();
      Map<String, List<Long>> totals = totalsBySession(all);
      assertThat(totals).hasSize(SESSIONS);
      totals.forEach((session, counts) -> {
        assertThat(counts.get(counts.size() - 1)).as("last committed total of " + session).isEqualTo(45);
        assertThat(counts).as("committed totals of " + session).isSorted().doesNotHaveDuplicates()
            .allSatisfy(c -> assertThat(c).isBetween(1L, 45L));
      });
    }
  }

  /** Starts the app, waits until every session's total in the store (via REST) is {@code expected}, stops it. */
  private static void runUntilTotals(AggregatorConfig config, long expected) throws Exception {
    AggregatorSerdes serdes = AggregatorSerdes.from(Topics.from(config));
    try (AggregatorApp app = new AggregatorApp(config, serdes)) {
      app.start();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
        JsonNode list = json(get(app.httpUri(), "/api/sessions"));
        if (list.path("count").asInt() != SESSIONS) {
          return false;
        }
        for (JsonNode s : list.get("sessions")) {
          if (s.get("total").get("eventCount").asLong() != expected) {
            return false;
          }
        }
        return true;
      });
      // The store itself, not only its JSON rendering.
      for (int s = 0; s < SESSIONS; s++) {
        EmotionAccumulator total = app.stores().local().sessionTotal(session(s)).orElseThrow();
        assertThat(total.count()).isEqualTo(expected);
        JsonNode one = json(get(app.httpUri(), "/api/sessions/" + session(s)));
        assertThat(one.get("total").get("counts").get("HAPPY").asLong()).isEqualTo(expected);
        // Events every 500 ms: the tumbling windows of a session add up to its total.
        JsonNode timeline = json(get(app.httpUri(), "/api/sessions/" + session(s) + "/timeline?from=0&to="
            + Long.MAX_VALUE));
        long sum = 0;
        for (JsonNode w : timeline.get("windows")) {
          sum += w.get("eventCount").asLong();
        }
        assertThat(sum).isEqualTo(expected);
      }
      assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
