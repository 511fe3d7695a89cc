package io.ferstream.trainer.it;

import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.Dl4jEngineLoader;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.trainer.config.TrainerConfig;
import io.ferstream.trainer.testing.SyntheticFaces;
import io.ferstream.trainer.testing.TinyReleases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A FerStream deployment for the trainer's cluster tests: unique topics on the test's cluster, a tiny synthetic
 * release as the repository default, a synthetic fer2013-format CSV as holdout and base data, and the settings of a
 * classifier and a trainer wired to them.
 */
final class TrainerStack {

  static final int BIG = 64 * 1024 * 1024;

  final KafkaCluster cluster;
  final Path dir;
  final Map<String, Object> shared = new HashMap<>();
  final String crops;
  final String events;
  final String feedback;
  final String feedbackDlq;
  final String examples;
  final String releases;
  final Path defaults;
  final String classifierId;
  private int classifiers;

  TrainerStack(KafkaCluster cluster, Path dir) throws IOException {
    this.cluster = cluster;
    this.dir = dir;
    crops = cluster.uniqueTopic("crops");
    events = cluster.uniqueTopic("events");
    feedback = cluster.uniqueTopic("feedback");
    feedbackDlq = cluster.uniqueTopic("feedback-dlq");
    examples = cluster.uniqueTopic("examples");
    releases = cluster.uniqueTopic("releases");
    cluster.createTopic(crops, 3);
    cluster.createTopic(events, 3);
    cluster.createTopic(feedback, 3);
    cluster.createTopic(feedbackDlq, 1);
    cluster.createTopic(examples, 3, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    cluster.createTopic(releases, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(BIG)));
    classifierId = cluster.uniqueTopic("classifier");
    defaults = Files.createDirectories(dir.resolve("releases"));
    TinyReleases.horizontalBands(defaults.resolve("synthetic-h.zip"), "synthetic-h", 1);
    Files.writeString(defaults.resolve("LATEST"), "synthetic-h.zip\n");
    shared.put(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    shared.put(FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    shared.put(FerStreamConfig.TOPIC_FACE_CROPS, crops);
    shared.put(FerStreamConfig.TOPIC_EMOTION_EVENTS, events);
    shared.put(FerStreamConfig.TOPIC_FACE_CROPS_DLQ, cluster.uniqueTopic("crops-dlq"));
    shared.put(FerStreamConfig.TOPIC_LABELLED_FEEDBACK, feedback);
    shared.put(FerStreamConfig.TOPIC_LABELLED_FEEDBACK_DLQ, feedbackDlq);
    shared.put(FerStreamConfig.TOPIC_TRAINING_EXAMPLES, examples);
    shared.put(FerStreamConfig.TOPIC_MODEL_RELEASES, releases);
    shared.put(FerStreamConfig.TOPIC_PARTITIONS, 3);
    shared.put(FerStreamConfig.TOPIC_REPLICATION_FACTOR, (short) 1);
    shared.put("commit.interval.ms", "100");
  }

  /** Instances of one classifier application: the same application id (they share the partitions), own state. */
  ClassifierConfig classifierConfig() {
    Map<String, Object> s = new HashMap<>(shared);
    s.put(ClassifierConfig.APPLICATION_ID, classifierId);
    s.put(ClassifierConfig.RELEASE_DEFAULT_PATH, defaults.toString());
    s.put(ClassifierConfig.BATCH_MAX_SIZE, 32);
    s.put(ClassifierConfig.BATCH_MAX_DELAY_MS, 30L);
    s.put(ClassifierConfig.HTTP_PORT, -1);
    s.put(ClassifierConfig.TOPICS_CREATE_MISSING, false);
    s.put("state.dir", dir.resolve("classifier-state-" + classifiers++).toString());
    return ClassifierConfig.of(s);
  }

  ClassifierApp classifier() {
    ClassifierConfig c = classifierConfig();
    return new ClassifierApp(c, AvroSerdes.topology(c), AvroSerdes.releases(c), new Dl4jEngineLoader());
  }

  /** A trainer on the synthetic data: small rounds of the tiny net, judged on a 300-image synthetic holdout. */
  Map<String, Object> trainerSettings(int everyLabels) throws IOException {
    Path csv = dir.resolve("synthetic-fer2013.csv");
    if (!Files.exists(csv)) {
      SyntheticFaces.writeCsv(csv, SyntheticFaces.data(SyntheticFaces.Domain.HORIZONTAL, 600, 21),
          SyntheticFaces.data(SyntheticFaces.Domain.HORIZONTAL, 300, 31));
    }
    Map<String, Object> s = new HashMap<>(shared);
    s.put(TrainerConfig.APPLICATION_ID, cluster.uniqueTopic("trainer"));
    s.put(TrainerConfig.STATE_DIR, dir.resolve("trainer").toString());
    s.put(TrainerConfig.HOLDOUT_DATA, csv.toString());
    s.put(TrainerConfig.BASE_DATA, csv.toString());
    s.put(TrainerConfig.RELEASE_DEFAULT_PATH, defaults.toString());
    s.put(TrainerConfig.RELEASE_STORE_DIR, dir.resolve("release-store").toString());
    s.put(TrainerConfig.EVERY_LABELS, everyLabels);
    s.put(TrainerConfig.EVERY_MINUTES, 0L);
    s.put(TrainerConfig.MIN_LABELS, 50);
    s.put(TrainerConfig.EPOCHS, 4);
    s.put(TrainerConfig.LEARNING_RATE, 2e-3);
    s.put(TrainerConfig.BATCH_SIZE, 32);
    s.put(TrainerConfig.AUGMENTATION, "none");
    s.put(TrainerConfig.EPSILON, 0.02);
    s.put(TrainerConfig.FEEDBACK_MIN_EXAMPLES, 20);
    s.put(TrainerConfig.SCORING_ENGINE, "dl4j");
    s.put(TrainerConfig.HTTP_PORT, 0);
    s.put(TrainerConfig.TOPICS_CREATE_MISSING, false);
    s.put(TrainerConfig.CHECK_INTERVAL_MS, 200L);
    return s;
  }

  static FaceCrop crop(String session, long frame, byte[] pixels) {
    Instant now = Instant.now();
    return FaceCrop.newBuilder().setCropId(session + "-" + frame).setSessionId(session).setFrameTimestamp(now)
        .setFrameNumber(frame).setFaceIndex(0).setPixels(ByteBuffer.wrap(pixels)).setIngestTimestamp(now)
        .setProducer(Map.of("source", "trainer-it")).build();
  }

  static LabelledFeedback label(String cropId, String session, int label, byte[] pixelsOrNull) {
    return LabelledFeedback.newBuilder().setCropId(cropId).setSessionId(session).setLabel(Emotion.values()[label])
        .setLabeller("qa-team").setLabelledTimestamp(Instant.now())
        .setPixels(pixelsOrNull == null ? null : ByteBuffer.wrap(pixelsOrNull)).build();
  }
}
