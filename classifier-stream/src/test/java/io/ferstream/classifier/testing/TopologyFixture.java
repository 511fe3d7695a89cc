package io.ferstream.classifier.testing;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.config.StreamsSettings;
import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.topology.BatchScorer;
import io.ferstream.classifier.topology.ClassifierSerdes;
import io.ferstream.classifier.topology.ClassifierTopology;
import io.ferstream.classifier.topology.CoordinatorRegistry;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The classifier topology in a TopologyTestDriver, with a test engine and a hand-driven wall clock. */
public final class TopologyFixture implements AutoCloseable {

  public final ClassifierConfig config;
  public final ClassifierMetrics metrics = new ClassifierMetrics();
  public final EngineHolder engines;
  public final CoordinatorRegistry coordinators;
  public final ManualClock clock;
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, FaceCrop> crops;
  public final TestInputTopic<String, byte[]> rawCrops;
  public final TestOutputTopic<String, EmotionEvent> events;
  public final TestOutputTopic<byte[], byte[]> deadLetters;

  public TopologyFixture(Map<String, Object> overrides, ClassifierSerdes serdes, TestEngine engine) {
    this(overrides, config -> serdes, engine);
  }

  public TopologyFixture(Map<String, Object> overrides,
      java.util.function.Function<ClassifierConfig, ClassifierSerdes> serdesFor, TestEngine engine) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ClassifierConfig.APPLICATION_ID, "classifier-ttd");
    settings.put(ClassifierConfig.BOOTSTRAP_SERVERS, "unused:9092");
    settings.put(StreamsConfig.STATE_DIR_CONFIG,
        System.getProperty("java.io.tmpdir") + "/ferstream-ttd-" + System.nanoTime());
    settings.putAll(overrides);
    config = ClassifierConfig.of(settings);
    ClassifierSerdes serdes = serdesFor.apply(config);
    engines = new EngineHolder(engine);
    // Synchronous scoring keeps these tests deterministic; a test that sets batch.pipelined gets the real thing.
    coordinators = new CoordinatorRegistry(config.batchMaxSize(), config.batchMaxDelayMs(),
        new BatchScorer(engines, metrics), overrides.containsKey(ClassifierConfig.BATCH_PIPELINED) && config.pipelined(),
        config.batchMaxInFlight());
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    clock = new ManualClock(start.toEpochMilli());
    Properties props = StreamsSettings.from(config, metrics);
    driver = new TopologyTestDriver(
        ClassifierTopology.build(config, serdes, new ClassifierTopology.Services(coordinators, metrics, clock)),
        props, start);
    crops = driver.createInputTopic(config.faceCropsTopic(), new StringSerializer(), serdes.faceCrop().serializer());
    rawCrops = driver.createInputTopic(config.faceCropsTopic(), new StringSerializer(), new ByteArraySerializer());
    events = driver.createOutputTopic(config.emotionEventsTopic(), new StringDeserializer(),
        serdes.emotionEvent().deserializer());
    deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** With the real Confluent wire-format serdes against {@code schema.registry.url} (e.g. mock://scope). */
  public static TopologyFixture avro(Map<String, Object> overrides, TestEngine engine) {
    return new TopologyFixture(overrides, io.ferstream.classifier.app.AvroSerdes::topology, engine);
  }

  public static TopologyFixture plain(Map<String, Object> overrides, TestEngine engine) {
    return new TopologyFixture(overrides, ClassifierSerdes.of(new PlainAvroSerde<>(FaceCrop.class),
        new PlainAvroSerde<>(EmotionEvent.class)), engine);
  }

  /** Moves the classifier's clock and the driver's wall-clock time together (fires due punctuations). */
  public void advance(Duration d) {
    clock.advance(d);
    driver.advanceWallClockTime(d);
  }

  public void send(FaceCrop crop) {
    crops.pipeInput(crop.getSessionId(), crop);
  }

  @Override
  public void close() {
    coordinators.close();
    driver.close();
    engines.close();
  }
}
