package io.ferstream.aggregator.it;

import static io.ferstream.aggregator.it.ItSupport.base;
import static io.ferstream.aggregator.it.ItSupport.get;
import static io.ferstream.aggregator.it.ItSupport.json;
import static io.ferstream.aggregator.it.ItSupport.produce;
import static io.ferstream.aggregator.it.ItSupport.session;
import static io.ferstream.aggregator.it.ItSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.common.topics.Topics;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application in this JVM (distinct state directories and HTTP ports, same application.id)
 * share a four-partition topic of many sessions; each instance's REST API answers for every session, forwarding
 * to the other instance the sessions it does not own.
 */
class TwoInstancesQueryClusterTest {

  private static final int SESSIONS = 24;
  private static final int PER_SESSION = 7;

  @TempDir Path dir;

  @ClusterTest
  void shouldAnswerEverySessionFromEitherInstance(KafkaCluster cluster) throws Exception {
    String events = cluster.uniqueTopic("agg2-events");
    String stats = cluster.uniqueTopic("agg2-stats");
    cluster.createTopic(events, 4);
    cluster.createTopic(stats, 4);
    String appId = cluster.uniqueTopic("aggregator2");
    Map<String, Object> a = settings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), appId, events, stats,
        dir.resolve("a"));
    Map<String, Object> b = settings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), appId, events, stats,
        dir.resolve("b"));
    AggregatorConfig configA = AggregatorConfig.of(a);
    AggregatorConfig configB = AggregatorConfig.of(b);

    try (AggregatorApp first = new AggregatorApp(configA, AggregatorSerdes.from(Topics.from(configA)));
        AggregatorApp second = new AggregatorApp(configB, AggregatorSerdes.from(Topics.from(configB)))) {
      first.start();
      second.start();
      assertThat(first.httpPort()).isNotEqualTo(second.httpPort());
      HostInfo hostA = first.stores().self();
      HostInfo hostB = second.stores().self();
      // Both members hold partitions once the group has settled.
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
          first.streams().state() == KafkaStreams.State.RUNNING && second.streams().state() == KafkaStreams.State.RUNNING
              && first.streams().metadataForAllStreamsClients().stream()
                  .filter(m -> !m.topicPartitions().isEmpty()).count() == 2);

      produce(cluster.bootstrapServers(), configA, events, SESSIONS, 0, PER_SESSION, base());

      List<URI> apis = List.of(first.httpUri(), second.httpUri());
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
        for (URI api : apis) {
          JsonNode list = json(get(api, "/api/sessions"));
          if (list.get("count").asInt() != SESSIONS) {
            return false;
          }
          for (JsonNode s : list.get("sessions")) {
            if (s.get("total").get("eventCount").asLong() != PER_SESSION) {
              return false;
            }
          }
        }
        return true;
      });

      Set<HostInfo> owners = new HashSet<>();
      for (int s = 0; s < SESSIONS; s++) {
        owners.add(first.stores().owner(session(s)));
        for (URI api : apis) {
          HttpResponse<String> one = get(api, "/api/sessions/" + session(s));
          assertThat(one.statusCode()).as(api + " " + session(s)).isEqualTo(200);
          JsonNode body = json(one);
          assertThat(body.get("sessionId").asText()).isEqualTo(session(s));
          assertThat(body.get("total").get("eventCount").asLong()).isEqualTo(PER_SESSION);
          assertThat(body.get("latestTumbling").get("windowType").asText()).isEqualTo("TUMBLING");
          assertThat(body.get("latestHopping").get("windowType").asText()).isEqualTo("HOPPING");

          HttpResponse<String> timeline = get(api, "/api/sessions/" + session(s) + "/timeline?from=0");
          assertThat(timeline.statusCode()).isEqualTo(200);
          long sum = 0;
          for (JsonNode w : json(timeline).get("windows")) {
            sum += w.get("eventCount").asLong();
          }
          assertThat(sum).as("tumbling windows of " + session(s) + " via " + api).isEqualTo(PER_SESSION);
        }
      }
      // The sessions are spread over both instances, so half the answers above were forwarded.
      assertThat(owners).containsExactlyInAnyOrder(hostA, hostB);
      for (URI api : apis) {
        HttpResponse<String> unknown = get(api, "/api/sessions/no-such-session");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_session");
      }
    }
  }
}
