package io.ferstream.aggregator.testing;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.config.StreamsSettings;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.aggregator.topology.AggregatorTopology;
import io.ferstream.aggregator.topology.EmotionAccumulator;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.serde.client.MockSchemaRegistry;
import io.ferstream.testing.TestDirs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregator topology in a TopologyTestDriver with the real Confluent wire-format serdes against a mock
 * registry, the record cache off (every update is emitted) and a fixed wall clock for {@code updatedTimestamp}.
 * The Streams settings are the aggregator's own, dead-letter handlers included: {@link #rawEvents} pipes bytes
 * as they would arrive, {@link #deadLetters} reads the dead-letter topic.
 */
public final class TopologyFixture implements AutoCloseable {

  public static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

  public final AggregatorConfig config;
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, EmotionEvent> events;
  public final TestOutputTopic<String, SessionEmotionStats> stats;
  public final TestInputTopic<byte[], byte[]> rawEvents;
  public final TestOutputTopic<byte[], byte[]> deadLetters;
  /** Every dead letter the handlers reported, by stage. */
  public final List<DeadLetters.Stage> deadLettered = new CopyOnWriteArrayList<>();
  private final AggregatorSerdes serdes;
  private final String scope = "aggregator-ttd-" + UUID.randomUUID();
  private final Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "ferstream-agg-ttd-" + UUID.randomUUID());

  public TopologyFixture(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(AggregatorConfig.APPLICATION_ID, "aggregator-ttd");
    settings.put(AggregatorConfig.BOOTSTRAP_SERVERS, "unused:9092");
    settings.put(AggregatorConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    settings.put(AggregatorConfig.STATE_DIR, stateDir.toString());
    settings.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    settings.putAll(overrides);
    config = AggregatorConfig.of(settings);
    serdes = AggregatorSerdes.from(Topics.from(config));
    Properties props = StreamsSettings.from(config, null, deadLettered::add);
    driver = new TopologyTestDriver(AggregatorTopology.build(config, serdes, () -> NOW), props);
    events = driver.createInputTopic(config.emotionEventsTopic(), new StringSerializer(),
        serdes.event().serializer());
    stats = driver.createOutputTopic(config.sessionStatsTopic(), new StringDeserializer(),
        serdes.stats().deserializer());
    rawEvents = driver.createInputTopic(config.emotionEventsTopic(), new ByteArraySerializer(),
        new ByteArraySerializer());
    deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** {@code event} as the classifier writes it: Confluent wire format, schema registered in the mock registry. */
  public byte[] encode(EmotionEvent event) {
    return serdes.event().serializer().serialize(config.emotionEventsTopic(), event);
  }

  public TopologyFixture() {
    this(Map.of());
  }

  /** Pipes {@code event} keyed by its session. */
  public void send(EmotionEvent event) {
    events.pipeInput(event.getSessionId(), event);
  }

  public KeyValueStore<String, EmotionAccumulator> totals() {
    return driver.getKeyValueStore(AggregatorTopology.TOTALS_STORE);
  }

  public WindowStore<String, EmotionAccumulator> tumbling() {
    return driver.getWindowStore(AggregatorTopology.TUMBLING_STORE);
  }

  public WindowStore<String, EmotionAccumulator> hopping() {
    return driver.getWindowStore(AggregatorTopology.HOPPING_STORE);
  }

  /** The task's dropped-records-total (late records dropped by the windows). */
  public double droppedRecords() {
    return driver.metrics().values().stream()
        .filter(m -> m.metricName().name().equals("dropped-records-total")
            && m.metricName().group().equals("stream-task-metrics"))
        .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
    TestDirs.deleteRecursively(stateDir);
  }
}
