package io.ferstream.trainer.feedback;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.schemas.TrainingExample;
import io.ferstream.serde.client.MockSchemaRegistry;
import io.ferstream.serde.client.SchemaRegistryClient;
import io.ferstream.testing.TestDirs;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
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

/**
 * The feedback topology in a TopologyTestDriver with the real Confluent wire-format serdes of {@link Topics} against
 * a mock registry scope, and the Streams settings the trainer runs with: the dead-letter handlers aimed at
 * labelled-feedback-dlq (the real dead-letter path; they must stay unused, as the topology produces its dead letters
 * itself), with {@code max.task.idle.ms} 0 unless a test asks for the recommended wait (see the constructor).
 */
final class FeedbackFixture implements AutoCloseable {

  static final long T0 = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  static final Duration RETENTION = Duration.ofHours(6);

  final String scope = "feedback-ttd-" + UUID.randomUUID();
  private final Path stateDir =
      Path.of(System.getProperty("java.io.tmpdir"), "ferstream-feedback-ttd-" + UUID.randomUUID());
  final FerStreamConfig config;
  final Topics topics;
  final SchemaRegistryClient registry;
  final FeedbackCounters counters = new FeedbackCounters();
  final List<DeadLetters.Stage> handlerDeadLetters = new CopyOnWriteArrayList<>();
  final TopologyTestDriver driver;
  final TestInputTopic<String, FaceCrop> crops;
  final TestInputTopic<String, LabelledFeedback> feedback;
  final TestInputTopic<byte[], byte[]> rawFeedback;
  final TestOutputTopic<String, TrainingExample> examples;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  FeedbackFixture() {
    this(false, false);
  }

  /**
   * @param givenRegistry build with the registry-client overload instead of the Streams configuration
   * @param idle          keep the recommended {@code max.task.idle.ms} (records then wait for the wall clock)
   */
  FeedbackFixture(boolean givenRegistry, boolean idle) {
    config = new FerStreamConfig(Map.of(FerStreamConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));
    topics = Topics.from(config);
    registry = MockSchemaRegistry.getClientForScope(scope);
    FeedbackSettings settings = FeedbackSettings.of(RETENTION, 3);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trainer-feedback-ttd");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    DeadLetterSettings.apply(props, topics.labelledFeedbackDlq().name(), handlerDeadLetters::add);
    props.putAll(settings.recommendedStreamsProperties());
    // TopologyTestDriver runs every sub-topology in one task, so an idle wait for empty partitions would hold back
    // each piped record until the driver's wall clock moved; the recommended wait is for the real runtime.
    if (!idle) {
      props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
    }
    driver = new TopologyTestDriver(givenRegistry
        ? FeedbackTopology.build(settings, topics, counters, registry)
        : FeedbackTopology.build(settings, topics, counters), props);
    crops = driver.createInputTopic(topics.faceCrops().name(), new StringSerializer(),
        topics.faceCrops().valueSerde().serializer());
    feedback = driver.createInputTopic(topics.labelledFeedback().name(), new StringSerializer(),
        topics.labelledFeedback().valueSerde().serializer());
    rawFeedback = driver.createInputTopic(topics.labelledFeedback().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    examples = driver.createOutputTopic(topics.trainingExamples().name(), new StringDeserializer(),
        topics.trainingExamples().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.labelledFeedbackDlq().name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** 48x48 deterministic pseudo-random pixels. */
  static byte[] pixels(long seed) {
    return pixels(seed, 48 * 48);
  }

  static byte[] pixels(long seed, int count) {
    byte[] p = new byte[count];
    new Random(seed).nextBytes(p);
    return p;
  }

  static FaceCrop crop(String cropId, String sessionId, byte[] pixels, long timestamp) {
    return FaceCrop.newBuilder()
        .setCropId(cropId)
        .setSessionId(sessionId)
        .setFrameTimestamp(Instant.ofEpochMilli(timestamp))
        .setFrameNumber(0)
        .setFaceIndex(0)
        .setPixels(ByteBuffer.wrap(pixels))
        .setIngestTimestamp(Instant.ofEpochMilli(timestamp))
        .build();
  }

  static LabelledFeedback label(String cropId, Emotion label, String labeller, byte[] pixels, long timestamp) {
    return LabelledFeedback.newBuilder()
        .setCropId(cropId)
        .setSessionId("session-of-" + cropId)
        .setLabel(label)
        .setLabeller(labeller)
        .setLabelledTimestamp(Instant.ofEpochMilli(timestamp))
        .setPixels(pixels == null ? null : ByteBuffer.wrap(pixels))
        .build();
  }

  void sendCrop(FaceCrop crop, long timestamp) {
    crops.pipeInput(crop.getSessionId(), crop, timestamp);
  }

  void sendFeedback(LabelledFeedback f, long timestamp) {
    feedback.pipeInput(f.getCropId(), f, timestamp);
  }

  /** {@code f} in Confluent's wire format, as a producer writes it. */
  byte[] encode(LabelledFeedback f) {
    return topics.labelledFeedback().valueSerde().serializer().serialize(topics.labelledFeedback().name(), f);
  }

  /** Every counter zero but the given ones. */
  static Map<String, Long> counts(Object... nameValue) {
    Map<String, Long> expected = new LinkedHashMap<>(new FeedbackCounters().snapshot());
    for (int i = 0; i < nameValue.length; i += 2) {
      String name = (String) nameValue[i];
      if (!expected.containsKey(name)) {
        throw new IllegalArgumentException("no counter " + name);
      }
      expected.put(name, ((Number) nameValue[i + 1]).longValue());
    }
    return expected;
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
    TestDirs.deleteRecursively(stateDir);
  }
}
