package io.ferstream.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.classifier.app.ClassifyCommand;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.Dl4jEngineLoader;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.release.TestTimeAugmentation;
import io.ferstream.replay.testing.Records;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.testing.RecordCollector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine;

/**
 * Shadow mode on a real broker: the live classifier and a shadow classifier configured by
 * {@link ClassifyCommand#shadowSettings} score the same crops; the live release writes only emotion-events, the
 * pinned candidate only emotion-events-shadow, and the
 * audit compares the two.
 */
class ShadowClassifierClusterTest {

  @TempDir Path dir;

  @ClusterTest
  void shouldScoreWithTheShadowReleaseIntoTheShadowTopicOnly(KafkaCluster cluster) throws Exception {
    String crops = cluster.uniqueTopic("face-crops");
    String events = cluster.uniqueTopic("emotion-events");
    String shadowEvents = cluster.uniqueTopic("emotion-events-shadow");
    String dlq = cluster.uniqueTopic("dlq");
    String releases = cluster.uniqueTopic("releases");
    String feedback = cluster.uniqueTopic("feedback");
    for (String t : List.of(crops, events, shadowEvents)) {
      cluster.createTopic(t, 2);
    }
    cluster.createTopic(dlq, 1);
    cluster.createTopic(dlq + "-shadow", 1);
    cluster.createTopic(releases, 1);
    cluster.createTopic(feedback, 1);
    Path live = Files.createDirectories(dir.resolve("releases"));
    bundle(live.resolve("live-r1.zip"), "live-r1", 11L);
    Path candidate = bundle(dir.resolve("cand-r2.zip"), "cand-r2", 23L);

    Map<String, Object> settings = new HashMap<>();
    settings.put(ClassifierConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(ClassifierConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    settings.put(ClassifierConfig.APPLICATION_ID, cluster.uniqueTopic("classifier"));
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS, crops);
    settings.put(ClassifierConfig.TOPIC_EMOTION_EVENTS, events);
    settings.put(FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW, shadowEvents);
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS_DLQ, dlq);
    settings.put(ClassifierConfig.TOPIC_MODEL_RELEASES, releases);
    settings.put(ClassifierConfig.RELEASE_DEFAULT_PATH, live.toString());
    settings.put(ClassifierConfig.BATCH_MAX_SIZE, 8);
    settings.put(ClassifierConfig.BATCH_MAX_DELAY_MS, 30L);
    settings.put(ClassifierConfig.HTTP_PORT, -1);
    settings.put(ClassifierConfig.TOPICS_CREATE_MISSING, false);
    settings.put("state.dir", dir.resolve("state").toString());
    settings.put("commit.interval.ms", "100");
    ClassifierConfig liveConfig = ClassifierConfig.of(settings);
    ClassifierConfig shadowConfig = ClassifyCommand.shadowSettings(liveConfig, candidate);
    assertThat(shadowConfig.applicationId()).isEqualTo(liveConfig.applicationId() + "-shadow");
    assertThat(shadowConfig.emotionEventsTopic()).isEqualTo(shadowEvents);

    var serdes = AvroSerdes.topology(liveConfig);
    try (ClassifierApp liveApp = new ClassifierApp(liveConfig, serdes, AvroSerdes.releases(liveConfig),
            new Dl4jEngineLoader());
        ClassifierApp shadowApp = new ClassifierApp(shadowConfig, AvroSerdes.topology(shadowConfig),
            AvroSerdes.releases(shadowConfig), new Dl4jEngineLoader());
        KafkaProducer<String, FaceCrop> producer = new KafkaProducer<>(cluster.producerConfig(),
            new StringSerializer(), serdes.faceCrop().serializer());
        RecordCollector<String, EmotionEvent> liveOut =
            cluster.collector(events, new StringDeserializer(), serdes.emotionEvent().deserializer());
        RecordCollector<String, EmotionEvent> shadowOut =
            cluster.collector(shadowEvents, new StringDeserializer(), serdes.emotionEvent().deserializer())) {
      liveApp.start();
      shadowApp.start();
      assertThat(liveApp.engines().currentReleaseId()).isEqualTo("live-r1");
      assertThat(shadowApp.engines().currentReleaseId()).isEqualTo("cand-r2");

      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 24; i++) {
        byte[] px = new byte[2304];
        for (int j = 0; j < px.length; j++) {
          px[j] = (byte) random.nextInt(256);
        }
        String session = "s" + (i % 2);
        producer.send(new ProducerRecord<>(crops, session, Records.crop("crop-" + i, session, i, px, i % 6)));
      }
      producer.flush();

      List<ConsumerRecord<String, EmotionEvent>> shadowRecords = shadowOut.awaitAtLeast(24, Duration.ofMinutes(2));
      List<ConsumerRecord<String, EmotionEvent>> liveRecords = liveOut.awaitAtLeast(24, Duration.ofMinutes(2));
      assertThat(shadowRecords).hasSize(24)
          .allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo("cand-r2"));
      assertThat(liveRecords).hasSize(24)
          .allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo("live-r1"));
      // Nothing more arrives on the live topic: the shadow never writes there.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> liveOut.poll().size() == 24);
    }

    CommandLine cli = new CommandLine(new ReplayAuditCommand());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    int exit = cli.execute("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
        cluster.schemaRegistryUrl(), "-D", FerStreamConfig.TOPIC_EMOTION_EVENTS + "=" + events, "-D",
        FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW + "=" + shadowEvents, "-D",
        FerStreamConfig.TOPIC_LABELLED_FEEDBACK + "=" + feedback, "--out", dir.resolve("audit").toString());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("24 live events, 24 with ground truth")
        .containsPattern("live-r1 +24 +24 ").containsPattern("cand-r2 +24 ")
        .contains("live vs shadow on 24 crops both scored").contains("McNemar p-value = ");
  }

  private static Path bundle(Path out, String id, long seed) throws Exception {
    MultiLayerNetwork net = new MultiLayerNetwork(Architectures.REF4.configuration(seed, new Adam(1e-3)));
    net.init();
    ReleaseWriter.builder().releaseId(id).preprocessing(Preprocessing.scaleOnly())
        .testTimeAugmentation(TestTimeAugmentation.NONE)
        .trainingData("0".repeat(64), 0, "DROP", "untrained: random initialisation, for tests")
        .addMember(net, "ref4", Map.of(), "random-init-seed-" + seed)
        .write(out);
    return out;
  }
}
