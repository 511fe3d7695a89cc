package io.ferstream.classifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.TestBundles;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.kafka.EmbeddedKafkaBroker;
import io.ferstream.registry.SchemaRegistryServer;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through crashes: the classifier runs in a child JVM on the embedded broker with exactly_once_v2, is
 * killed with SIGKILL (no close, no commit), and restarted; a read_committed consumer must then see exactly one event
 * per crop, in frame order per session.
 */
@Tag("integration")
class ExactlyOnceCrashTest {

  private static final int PARTITIONS = 3;

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static SchemaRegistryServer registry;
  private static Path bundle;

  @BeforeAll
  static void startCluster() throws Exception {
    broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).port(0).build();
    broker.start();
    registry = SchemaRegistryServer.builder().port(0).inMemoryStore().build().start();
    bundle = dir.resolve("releases").resolve("crash-test-ref4x2.zip");
    Files.createDirectories(bundle.getParent());
    TestBundles.ref4(bundle, "crash-test-ref4x2", 2);
  }

  /** Every child this test started; killed after each test, whatever its outcome. */
  private final List<ChildJvm> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (ChildJvm child : children) {
      child.close();
    }
  }

  private ChildJvm startChild(Names n, int batchMaxSize, long batchMaxDelayMs) throws java.io.IOException {
    // Leave a core to the broker and the test: ND4J would otherwise start one OpenMP thread per core.
    ChildJvm child = ChildJvm.of("io.ferstream.classifier.app.ClassifierMain")
        .jvmOptions("-Xmx1g", "-Djava.awt.headless=true", "-Dlogback.configurationFile=logback-child.xml")
        .settings(childSettings(n, batchMaxSize, batchMaxDelayMs)).environment("OMP_NUM_THREADS", "1")
        .start(logFile(n));
    children.add(child);
    return child;
  }

  @AfterAll
  static void stopCluster() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** Unique topics and application id of one test. */
  private record Names(String crops, String events, String dlq, String releases, String app) {
    static Names unique(String prefix) {
      String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
      return new Names(id + "-crops", id + "-events", id + "-dlq", id + "-releases", id + "-app");
    }
  }

  private Names createTopics(String prefix) throws Exception {
    Names n = Names.unique(prefix);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(n.crops(), PARTITIONS, (short) 1),
          new NewTopic(n.events(), PARTITIONS, (short) 1), new NewTopic(n.dlq(), 1, (short) 1),
          new NewTopic(n.releases(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      // Producing before every partition has its leader makes the idempotent producer retry, and under load
      // those retries can end in OutOfOrderSequence errors: wait for the leaders.
      List<String> topics = List.of(n.crops(), n.events(), n.dlq(), n.releases());
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeTopics(topics)
          .allTopicNames().get().values().stream().flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
    return n;
  }

  private Map<String, String> childSettings(Names n, int batchMaxSize, long batchMaxDelayMs) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(ClassifierConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    s.put(ClassifierConfig.SCHEMA_REGISTRY_URL, registry.url());
    s.put(ClassifierConfig.APPLICATION_ID, n.app());
    s.put(ClassifierConfig.TOPIC_FACE_CROPS, n.crops());
    s.put(ClassifierConfig.TOPIC_EMOTION_EVENTS, n.events());
    s.put(ClassifierConfig.TOPIC_FACE_CROPS_DLQ, n.dlq());
    s.put(ClassifierConfig.TOPIC_MODEL_RELEASES, n.releases());
    s.put(ClassifierConfig.RELEASE_DEFAULT_PATH, bundle.getParent().toString());
    s.put(ClassifierConfig.BATCH_MAX_SIZE, Integer.toString(batchMaxSize));
    s.put(ClassifierConfig.BATCH_MAX_DELAY_MS, Long.toString(batchMaxDelayMs));
    s.put(ClassifierConfig.HTTP_PORT, "-1");
    s.put(ClassifierConfig.TOPICS_CREATE_MISSING, "false");
    s.put("state.dir", dir.resolve("state-" + n.app()).toString());
    s.put("commit.interval.ms", "200");
    // A SIGKILLed member stays in the group until its session times out; keep that short so the restart is quick.
    s.put("session.timeout.ms", "10000");
    s.put("heartbeat.interval.ms", "2000");
    return s;
  }

  private KafkaProducer<String, byte[]> producer() {
    // One request in flight: on a partition created a moment ago the first produce request can be answered
    // NOT_LEADER_OR_FOLLOWER while the pipelined ones behind it are appended; its retry then fails for ever with
    // OutOfOrderSequence and its records are lost (seen with the embedded broker under load).
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ByteArraySerializer());
  }

  private Serializer<FaceCrop> cropSerializer() {
    ClassifierConfig c = ClassifierConfig.of(Map.of(ClassifierConfig.SCHEMA_REGISTRY_URL, registry.url()));
    return AvroSerdes.topology(c).faceCrop().serializer();
  }

  private CommittedEvents committedEvents(Names n) {
    ClassifierConfig c = ClassifierConfig.of(Map.of(ClassifierConfig.SCHEMA_REGISTRY_URL, registry.url()));
    return new CommittedEvents(broker.bootstrapServers(), n.events(), PARTITIONS,
        AvroSerdes.topology(c).emotionEvent().deserializer());
  }

  /** Sends frames [from, to) of every session; returns the crop ids. */
  private List<String> produceCrops(Names n, int sessions, int from, int to) throws Exception {
    Serializer<FaceCrop> serializer = cropSerializer();
    List<String> ids = new ArrayList<>();
    List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int frame = from; frame < to; frame++) {
        for (int s = 0; s < sessions; s++) {
          FaceCrop crop = Crops.crop("session-" + s, frame, frame + s);
          sends.add(producer.send(new ProducerRecord<>(n.crops(), crop.getSessionId(),
              serializer.serialize(n.crops(), crop))));
          ids.add(crop.getCropId());
        }
      }
      producer.flush();
      for (java.util.concurrent.Future<?> send : sends) {
        send.get(60, TimeUnit.SECONDS); // a lost crop would make the test wait for an event that cannot come
      }
    }
    return ids;
  }

  private static void assertExactlyOncePerCropInOrder(CommittedEvents events, List<String> produced) {
    assertThat(events.duplicates()).as("crops with more than one committed event").isEmpty();
    assertThat(events.perCrop().keySet()).containsExactlyInAnyOrderElementsOf(produced);
    assertThat(events.total()).isEqualTo(produced.size());
    Map<String, List<Long>> frames = events.events().stream().collect(Collectors.groupingBy(
        EmotionEvent::getSessionId, Collectors.mapping(EmotionEvent::getFrameNumber, Collectors.toList())));
    frames.forEach((session, list) -> assertThat(list).as("frames of " + session).isSorted());
  }

  @Test
  void shouldCommitExactlyOneEventPerCropWhenTheClassifierIsKilledMidStream() throws Exception {
    Names n = createTopics("crash");
    List<String> produced = new ArrayList<>(produceCrops(n, 12, 0, 100));
    byte[] garbage = "not a face crop".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(n.crops(), "session-0", garbage)).get();
    }
    try (CommittedEvents events = committedEvents(n)) {
      ChildJvm first = startChild(n, 32, 50);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
          .until(() -> events.total() >= 300 || !first.alive());
      assertThat(first.alive()).as("first run alive; log:\n%s", first.log()).isTrue();
      assertThat(first.kill()).as("exit status of SIGKILL").isEqualTo(128 + 9);
      int seenAtKill = events.total();
      assertThat(seenAtKill).isLessThan(produced.size());

      produced.addAll(produceCrops(n, 12, 100, 200));
      ChildJvm second = startChild(n, 32, 50);
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
          .until(() -> events.distinctCrops() >= produced.size() || !second.alive());
      // A duplicate would show up as extra events after the last new one: give it time to appear.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> events.total() == produced.size());
      assertGracefulStop(second);

      assertExactlyOncePerCropInOrder(events, produced);
      assertThat(events.events()).allSatisfy(e -> {
        assertThat(e.getModelReleaseId()).isEqualTo("crash-test-ref4x2");
        assertThat(e.getEnsembleSize()).isEqualTo(2);
        assertThat(e.getBatchSize()).isBetween(1, 32);
      });
    }
    assertDeadLetter(n, garbage);
  }

  @Test
  void shouldScoreThePendingCropsOfTheLoggedStoreAfterSigkill() throws Exception {
    Names n = createTopics("pending");
    List<String> produced = produceCrops(n, 4, 0, 50);
    try (CommittedEvents events = committedEvents(n)) {
      // Batches that never fill and never time out: every crop stays pending in the store.
      ChildJvm first = startChild(n, 4096, 600_000);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> committedInputOffsets(n) == produced.size() || !first.alive());
      assertThat(first.alive()).as("first run alive; log:\n%s", first.log()).isTrue();
      assertThat(events.total()).as("nothing scored before the crash").isZero();
      // The input offsets are committed, so the crops exist only in the store's changelog now.
      assertThat(first.kill()).isEqualTo(137);

      ChildJvm second = startChild(n, 16, 50);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> events.distinctCrops() >= produced.size() || !second.alive());
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> events.total() == produced.size());
      assertThat(second.log()).contains("pending crop(s) restored from the store");
      assertGracefulStop(second);
      assertExactlyOncePerCropInOrder(events, produced);
    }
  }

  @Test
  void shouldFlushThePendingBatchOnGracefulShutdown() throws Exception {
    Names n = createTopics("drain");
    List<String> produced = produceCrops(n, 4, 0, 25);
    try (CommittedEvents events = committedEvents(n)) {
      ChildJvm child = startChild(n, 4096, 600_000);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
          .until(() -> committedInputOffsets(n) == produced.size() || !child.alive());
      assertThat(events.total()).as("nothing scored before the shutdown").isZero();

      assertGracefulStop(child);

      await().atMost(Duration.ofSeconds(30)).until(() -> events.total() >= produced.size());
      assertThat(child.log()).contains("Drained: 0 crop(s) still pending");
      assertExactlyOncePerCropInOrder(events, produced);
      assertThat(events.events()).allSatisfy(e -> assertThat(e.getBatchSize()).isEqualTo(produced.size()));
    }
  }

  /** Child logs go under target/ (kept after the run, for post-mortems). */
  private static Path logFile(Names n) throws java.io.IOException {
    return Files.createDirectories(Path.of("target", "it-logs")).resolve(n.app() + ".log");
  }

  private long committedInputOffsets(Names n) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(n.app()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(n.crops()) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    }
  }

  /** SIGTERM: the JVM exits with 128 + 15 once the shutdown hook has drained and closed the application. */
  private static void assertGracefulStop(ChildJvm child) throws Exception {
    assertThat(child.stop(90)).as("exit status after SIGTERM; log:\n%s", child.log()).isEqualTo(128 + 15);
    assertThat(child.log()).contains("Kafka Streams PENDING_SHUTDOWN -> NOT_RUNNING").contains(" stopped");
  }

  private void assertDeadLetter(Names n, byte[] original) {
    Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(n.dlq(), 0);
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      // The application has stopped: everything is committed. Read until nothing more arrives for a second.
      await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(dead::add);
        return !dead.isEmpty();
      });
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).isEqualTo(original);
      assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.HEADER_EXCEPTION))
          .isEqualTo("io.ferstream.serde.UnknownMagicByteException");
      assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.HEADER_TOPIC)).isEqualTo(n.crops());
    }
  }
}
