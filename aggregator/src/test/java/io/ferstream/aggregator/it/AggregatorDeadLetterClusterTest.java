package io.ferstream.aggregator.it;

import static io.ferstream.aggregator.it.ItSupport.base;
import static io.ferstream.aggregator.it.ItSupport.get;
import static io.ferstream.aggregator.it.ItSupport.json;
import static io.ferstream.aggregator.it.ItSupport.produce;
import static io.ferstream.aggregator.it.ItSupport.session;
import static io.ferstream.aggregator.it.ItSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.common.topics.Topics;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt record on the events topic, on a real cluster under exactly_once_v2 (which TopologyTestDriver cannot
 * check): it is committed to the dead-letter topic with its bytes and error headers, the valid events around it are
 * all counted, /api/health reports it, and the application keeps running.
 */
class AggregatorDeadLetterClusterTest {

  @TempDir Path dir;

  @ClusterTest
  void shouldDeadLetterACorruptEventAndKeepAggregating(KafkaCluster cluster) throws Exception {
    String events = cluster.uniqueTopic("agg-events");
    String stats = cluster.uniqueTopic("agg-stats");
    String dlq = cluster.uniqueTopic("agg-events-dlq");
    cluster.createTopic(events, 1);
    cluster.createTopic(stats, 1);
    cluster.createTopic(dlq, 1);
    Map<String, Object> settings = settings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
        cluster.uniqueTopic("aggregator"), events, stats, dir.resolve("state"));
    settings.put(AggregatorConfig.TOPIC_EMOTION_EVENTS_DLQ, dlq);
    AggregatorConfig config = AggregatorConfig.of(settings);
    long base = base();
    byte[] corrupt = "not an emotion event".getBytes(StandardCharsets.UTF_8);

    produce(cluster.bootstrapServers(), config, events, 1, 0, 3, base);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(events, session(0).getBytes(StandardCharsets.UTF_8), corrupt)).get();
    }
    produce(cluster.bootstrapServers(), config, events, 1, 3, 3, base);

    try (AggregatorApp app = new AggregatorApp(config, AggregatorSerdes.from(Topics.from(config)))) {
      app.start();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
          json(get(app.httpUri(), "/api/sessions/" + session(0))).get("total").get("eventCount").asLong() == 6);
      assertThat(json(get(app.httpUri(), "/api/health")).get("deadLetters").asLong()).isEqualTo(1);

      List<ConsumerRecord<byte[], byte[]>> dead =
          cluster.consumeUntil(dlq, 1, Duration.ofMinutes(1));
      assertThat(dead).hasSize(1);
      ConsumerRecord<byte[], byte[]> letter = dead.get(0);
      assertThat(letter.value()).isEqualTo(corrupt);
      assertThat(letter.key()).isEqualTo(session(0).getBytes(StandardCharsets.UTF_8));
      assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_EXCEPTION))
          .isEqualTo("io.ferstream.serde.UnknownMagicByteException");
      assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_STAGE)).isEqualTo("deserialization");
      assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo(events);
      assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("3");
      assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
