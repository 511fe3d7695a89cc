package io.ferstream.classifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.Dl4jEngineLoader;
import io.ferstream.classifier.release.ReleaseVerifier;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.TestBundles;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.ModelRelease;
import io.ferstream.schemas.ReleaseAction;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.testing.RecordCollector;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application in this JVM on a real cluster, exactly-once, with the DL4J engine: crops become events
 * naming their release, a wrong-size crop is dead-lettered, releases published on model-releases are swapped in
 * (or rejected when their hash is wrong), and the HTTP and JMX endpoints answer.
 */
class ClassifierAppClusterTest {

  @TempDir Path dir;

  /** Bundles travel inside their release records: topic and producer take large records. */
  private static final int BIG = 64 * 1024 * 1024;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ClusterTest
  void shouldClassifyDeadLetterAndHotSwapReleases(KafkaCluster cluster) throws Exception {
    String crops = cluster.uniqueTopic("crops");
    String events = cluster.uniqueTopic("events");
    String dlq = cluster.uniqueTopic("dlq");
    String releases = cluster.uniqueTopic("releases");
    cluster.createTopic(crops, 3);
    cluster.createTopic(events, 3);
    cluster.createTopic(dlq, 1);
    cluster.createTopic(releases, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(BIG)));
    Path defaults = Files.createDirectories(dir.resolve("releases"));
    TestBundles.ref4(defaults.resolve("it-r1.zip"), "it-r1", 2);
    Path r2 = dir.resolve("it-r2.zip");
    String r2Sha = TestBundles.ref4(r2, "it-r2", 1);

    Map<String, Object> settings = new HashMap<>();
    settings.put(ClassifierConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(ClassifierConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    settings.put(ClassifierConfig.APPLICATION_ID, cluster.uniqueTopic("classifier"));
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS, crops);
    settings.put(ClassifierConfig.TOPIC_EMOTION_EVENTS, events);
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS_DLQ, dlq);
    settings.put(ClassifierConfig.TOPIC_MODEL_RELEASES, releases);
    settings.put(ClassifierConfig.RELEASE_DEFAULT_PATH, defaults.toString());
    settings.put(ClassifierConfig.BATCH_MAX_SIZE, 8);
    settings.put(ClassifierConfig.BATCH_MAX_DELAY_MS, 30L);
    settings.put(ClassifierConfig.HTTP_PORT, 0);
    settings.put(ClassifierConfig.TOPICS_CREATE_MISSING, false);
    settings.put("state.dir", dir.resolve("state").toString());
    settings.put("commit.interval.ms", "100");
    ClassifierConfig config = ClassifierConfig.of(settings);
    var serdes = AvroSerdes.topology(config);
    var releaseSerializer = AvroSerdes.serde(ModelRelease.class, config).serializer();

    try (ClassifierApp app = new ClassifierApp(config, serdes, AvroSerdes.releases(config), new Dl4jEngineLoader());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(bigRecords(cluster.producerConfig()), new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
        RecordCollector<String, EmotionEvent> out =
            cluster.collector(events, new StringDeserializer(), serdes.emotionEvent().deserializer());
        RecordCollector<byte[], byte[]> dead =
            cluster.collector(dlq, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      app.start();
      await().atMost(Duration.ofMinutes(2)).until(() -> get(app.httpPort(), "/ready").statusCode() == 200);
      assertThat(get(app.httpPort(), "/health").statusCode()).isEqualTo(200);

      for (int i = 0; i < 30; i++) {
        FaceCrop crop = Crops.crop("s" + (i % 3), i, i);
        producer.send(new ProducerRecord<>(crops, crop.getSessionId(), serdes.faceCrop().serializer().serialize(crops, crop)));
      }
      byte[] wrongSize = serdes.faceCrop().serializer().serialize(crops, Crops.crop("s0", 99, new byte[2000], 48, 48));
      producer.send(new ProducerRecord<>(crops, "s0", wrongSize));
      producer.flush();

      List<ConsumerRecord<String, EmotionEvent>> first = out.awaitAtLeast(30, Duration.ofMinutes(2));
      assertThat(first).hasSize(30).allSatisfy(r -> {
        assertThat(r.value().getModelReleaseId()).isEqualTo("it-r1");
        assertThat(r.value().getEnsembleSize()).isEqualTo(2);
        assertThat(r.key()).isEqualTo(r.value().getSessionId());
      });
      List<ConsumerRecord<byte[], byte[]>> letters = dead.awaitAtLeast(1, Duration.ofSeconds(30));
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).value()).isEqualTo(wrongSize);
      assertThat(DeadLetters.header(letters.get(0).headers(), DeadLetters.HEADER_STAGE)).isEqualTo("processing");

      // A release that does not verify is rejected; the live one stays.
      byte[] r2Bytes = Files.readAllBytes(r2);
      producer.send(new ProducerRecord<>(releases, "live", releaseSerializer.serialize(releases,
          release("it-r2", r2Bytes, "0".repeat(64))))).get();
      await().atMost(Duration.ofMinutes(1)).until(() -> app.metrics().getReleasesRejectedTotal() == 1);
      assertThat(app.engines().currentReleaseId()).isEqualTo("it-r1");

      // A release that verifies is swapped in; later crops name it.
      assertThat(ReleaseVerifier.sha256(r2Bytes)).isEqualTo(r2Sha);
      producer.send(new ProducerRecord<>(releases, "live", releaseSerializer.serialize(releases,
          release("it-r2", r2Bytes, r2Sha)))).get();
      await().atMost(Duration.ofMinutes(1)).until(() -> "it-r2".equals(app.engines().currentReleaseId()));
      for (int i = 30; i < 40; i++) {
        FaceCrop crop = Crops.crop("s" + (i % 3), i, i);
        producer.send(new ProducerRecord<>(crops, crop.getSessionId(), serdes.faceCrop().serializer().serialize(crops, crop)));
      }
      producer.flush();
      List<ConsumerRecord<String, EmotionEvent>> all = out.awaitAtLeast(40, Duration.ofMinutes(1));
      assertThat(all.stream().filter(r -> r.value().getFrameNumber() >= 30))
          .hasSize(10).allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo("it-r2"));

      String metrics = get(app.httpPort(), "/metrics").body();
      assertThat(metrics).contains("ferstream_classifier_events_total 40")
          .contains("ferstream_classifier_dead_letters_total{stage=\"processing\"} 1")
          .contains("ferstream_classifier_releases_rejected_total 1")
          .contains("ferstream_classifier_release_info{release_id=\"it-r2\"} 1");
      ObjectName bean =
          new ObjectName("io.ferstream:type=Classifier,name=" + ObjectName.quote(config.applicationId()));
      assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "EventsTotal")).isEqualTo(40L);
      assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "ReleaseId")).isEqualTo("it-r2");
    }

    // A new instance starts with the live release of the topic, not with the default one.
    settings.put(ClassifierConfig.APPLICATION_ID, cluster.uniqueTopic("classifier"));
    settings.put(ClassifierConfig.HTTP_PORT, -1);
    settings.put("state.dir", dir.resolve("state-2").toString());
    ClassifierConfig second = ClassifierConfig.of(settings);
    try (ClassifierApp app = new ClassifierApp(second, AvroSerdes.topology(second), AvroSerdes.releases(second),
        new Dl4jEngineLoader())) {
      app.start();
      assertThat(app.engines().currentReleaseId()).isEqualTo("it-r2");
    }
  }

  private static Map<String, Object> bigRecords(Map<String, Object> producerConfig) {
    producerConfig.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BIG);
    // One request in flight: see ExactlyOnceCrashTest#producer.
    producerConfig.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return producerConfig;
  }

  private static ModelRelease release(String id, byte[] bundle, String sha) {
    return ModelRelease.newBuilder()
        .setReleaseId(id)
        .setCreatedTimestamp(Instant.now())
        .setArchitecture("ref4x1")
        .setArtifact(ByteBuffer.wrap(bundle))
        .setSha256(sha)
        .setSizeBytes(bundle.length)
        .setAction(ReleaseAction.PROMOTE)
        .build();
  }
}
