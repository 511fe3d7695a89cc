package io.ferstream.trainer.config;

import io.ferstream.trainer.release.ReleaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the trainer service: the shared FerStream keys, the release keys of {@link ReleaseConfig} (store,
 * channel, reference base, default releases; shared with {@code ferstream release}), plus the feedback,
 * retraining-policy and gate keys below. Keys this definition does not know (any Kafka Streams, consumer or producer
 * property) are passed through to the trainer's Kafka Streams application unchanged. Default paths are resolved
 * against the installation ({@link #installationPath}).
 */
public class TrainerConfig extends ReleaseConfig {

  static final String FER2013 = "../shared/fer2013/fer2013-train-publictest.csv.gz";

  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String APPLICATION_ID_DOC =
      "Kafka Streams application id of the feedback stream: consumer group, transactional id prefix and prefix of "
          + "its internal topics.";
  public static final String APPLICATION_ID_DEFAULT = "ferstream-trainer";

  public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
  public static final String PROCESSING_GUARANTEE_DOC =
      "exactly_once_v2 (default: each accepted label is written to the training buffer exactly once) or at_least_once.";
  public static final String PROCESSING_GUARANTEE_DEFAULT = StreamsConfig.EXACTLY_ONCE_V2;

  public static final String STATE_DIR = "trainer.state.dir";
  public static final String STATE_DIR_DOC =
      "Directory of the trainer's own files: one sub-directory per round (candidate bundle, report, charts), the "
          + "round state (which buffer offsets the last round covered) and the feedback stream's local state.";
  public static final String STATE_DIR_DEFAULT = ".ferstream/trainer";

  public static final String CROP_RETENTION_MS = "feedback.crop.retention.ms";
  public static final String CROP_RETENTION_MS_DOC =
      "How long the pixels of each face-crops record are kept for feedback that names it by crop id; feedback for an "
          + "older (or unknown) crop is dead-lettered. Sizes the crop store: about 2.4 KB per crop (plus changelog).";
  public static final long CROP_RETENTION_MS_DEFAULT = Duration.ofHours(24).toMillis();

  public static final String MAX_TASK_IDLE_MS = StreamsConfig.MAX_TASK_IDLE_MS_CONFIG;
  public static final String MAX_TASK_IDLE_MS_DOC =
      "How long the feedback task waits for a lagging partition before processing: lets a crop reach the crop store "
          + "before feedback stamped later than it is looked up.";
  public static final long MAX_TASK_IDLE_MS_DEFAULT = 2_000;

  public static final String EVERY_LABELS = "retrain.every.labels";
  public static final String EVERY_LABELS_DOC = "Start a round once this many new labels have entered the buffer.";
  public static final int EVERY_LABELS_DEFAULT = 500;

  public static final String EVERY_MINUTES = "retrain.every.minutes";
  public static final String EVERY_MINUTES_DOC =
      "Also start a round this many minutes after the last one when any new label has arrived; 0 turns the timer off.";
  public static final long EVERY_MINUTES_DEFAULT = 60;

  public static final String MIN_LABELS = "retrain.min.labels";
  public static final String MIN_LABELS_DOC =
      "A round with fewer feedback examples to train on (after the held-back share) is skipped.";
  public static final int MIN_LABELS_DEFAULT = 50;

  public static final String CHECK_INTERVAL_MS = "retrain.check.interval.ms";
  public static final String CHECK_INTERVAL_MS_DOC = "How often the policy looks at the buffer.";
  public static final long CHECK_INTERVAL_MS_DEFAULT = 1_000;

  public static final String MODE = "retrain.mode";
  public static final String MODE_DOC =
      "fine-tune: continue training the current release's members; scratch: re-initialise them (seeded) and train on "
          + "the base data plus the feedback (give it more epochs and a larger learning rate).";
  public static final String MODE_DEFAULT = "fine-tune";

  public static final String EPOCHS = "retrain.epochs";
  public static final String EPOCHS_DOC = "Passes over a round's training set (feedback plus rehearsal sample).";
  public static final int EPOCHS_DEFAULT = 3;

  public static final String LEARNING_RATE = "retrain.learning.rate";
  public static final String LEARNING_RATE_DOC = "Adam's learning rate in a round (1e-3 for scratch).";
  public static final double LEARNING_RATE_DEFAULT = 1e-4;

  public static final String BATCH_SIZE = "retrain.batch.size";
  public static final String BATCH_SIZE_DOC = "Images per training step.";
  public static final int BATCH_SIZE_DEFAULT = 64;

  public static final String SEED = "retrain.seed";
  public static final String SEED_DOC = "Seed of initialisation, shuffles, augmentation, dropout and rehearsal sample.";
  public static final long SEED_DEFAULT = 42;

  public static final String AUGMENTATION = "retrain.augmentation";
  public static final String AUGMENTATION_DOC =
      "standard (shifts of 4 px, rotations of 10 degrees, zoom 10%, horizontal flips, as the releases were trained) or "
          + "none.";
  public static final String AUGMENTATION_DEFAULT = "standard";

  public static final String BASE_DATA = "retrain.base.data";
  public static final String BASE_DATA_DOC =
      "fer2013-format CSV whose Training rows are rehearsed in every round (against forgetting); empty or a missing "
          + "file: feedback only.";
  public static final String BASE_DATA_DEFAULT = FER2013;

  public static final String REPLAY_RATIO = "retrain.base.replay.ratio";
  public static final String REPLAY_RATIO_DOC = "Base images mixed in per feedback image.";
  public static final double REPLAY_RATIO_DEFAULT = 1.0;

  public static final String HOLDOUT_DATA = "gate.holdout.data";
  public static final String HOLDOUT_DATA_DOC =
      "fer2013-format CSV of the fixed holdout every candidate is scored on (required: the trainer does not start "
          + "without it).";
  public static final String HOLDOUT_DATA_DEFAULT = FER2013;

  public static final String HOLDOUT_USAGE = "gate.holdout.usage";
  public static final String HOLDOUT_USAGE_DOC = "Rows of gate.holdout.data that form the holdout: PublicTest, "
      + "PrivateTest or Training.";
  public static final String HOLDOUT_USAGE_DEFAULT = "PublicTest";

  public static final String HOLDOUT_LIMIT = "gate.holdout.limit";
  public static final String HOLDOUT_LIMIT_DOC = "Use only the first N holdout rows (0: all).";
  public static final int HOLDOUT_LIMIT_DEFAULT = 0;

  public static final String EPSILON = "gate.epsilon";
  public static final String EPSILON_DOC =
      "The most a candidate may lose on the holdout and still be promoted, as a fraction (0.005 = 0.5 points).";
  public static final double EPSILON_DEFAULT = 0.005;

  public static final String FEEDBACK_TEST = "gate.feedback.test";
  public static final String FEEDBACK_TEST_DOC =
      "How 'better on held-back feedback' is judged: mcnemar (more often right and exact McNemar p < "
          + "gate.feedback.alpha) or accuracy (strictly higher accuracy).";
  public static final String FEEDBACK_TEST_DEFAULT = "mcnemar";

  public static final String FEEDBACK_ALPHA = "gate.feedback.alpha";
  public static final String FEEDBACK_ALPHA_DOC = "Significance level of the McNemar test.";
  public static final double FEEDBACK_ALPHA_DEFAULT = 0.001;

  public static final String FEEDBACK_MIN_GAIN = "gate.feedback.min.gain";
  public static final String FEEDBACK_MIN_GAIN_DOC =
      "The least gain on held-back feedback, as a fraction (0.02 = 2 points), for a candidate to be promoted.";
  public static final double FEEDBACK_MIN_GAIN_DEFAULT = 0.02;

  public static final String HELD_BACK_PERCENT = "gate.feedback.holdout.percent";
  public static final String HELD_BACK_PERCENT_DOC =
      "Share of feedback, chosen by a hash of the crop id, that is never trained on and judges candidates.";
  public static final int HELD_BACK_PERCENT_DEFAULT = 20;

  public static final String FEEDBACK_MIN_EXAMPLES = "gate.feedback.min.examples";
  public static final String FEEDBACK_MIN_EXAMPLES_DOC =
      "Fewer held-back feedback examples than this and the gate rejects: too few to show anything.";
  public static final int FEEDBACK_MIN_EXAMPLES_DEFAULT = 30;

  public static final String SCORING_ENGINE = "gate.scoring.engine";
  public static final String SCORING_ENGINE_DOC =
      "Engine that scores releases in the gate: samediff (faster; falls back to dl4j for a release it cannot run) or "
          + "dl4j.";
  public static final String SCORING_ENGINE_DEFAULT = "samediff";

  public static final String RELEASE_TRANSPORT = "release.transport";
  public static final String RELEASE_TRANSPORT_DOC =
      "inline: the bundle travels inside the ModelRelease record (up to topic.model.releases.max.message.bytes); "
          + "reference: the record carries an artifactUri into the release store (or under release.reference.base.uri).";
  public static final String RELEASE_TRANSPORT_DEFAULT = "inline";

  public static final String BUFFER_MAX_EXAMPLES = "buffer.max.examples";
  public static final String BUFFER_MAX_EXAMPLES_DOC =
      "Most training-buffer examples held in memory for rounds (the newest win); the topic keeps them all.";
  public static final int BUFFER_MAX_EXAMPLES_DEFAULT = 200_000;

  public static final String HTTP_HOST = "trainer.http.host";
  public static final String HTTP_HOST_DOC = "Interface of the trainer's HTTP endpoint.";
  public static final String HTTP_HOST_DEFAULT = "0.0.0.0";

  public static final String HTTP_PORT = "trainer.http.port";
  public static final String HTTP_PORT_DOC =
      "Port of the trainer's HTTP endpoint (/health, /metrics, /api/rounds); 0 picks a free port, -1 turns it off.";
  public static final int HTTP_PORT_DEFAULT = 8087;

  public static final String TOPICS_CREATE_MISSING = "topics.create.missing";
  public static final String TOPICS_CREATE_MISSING_DOC =
      "Create the topics the trainer reads and writes when they do not exist.";
  public static final boolean TOPICS_CREATE_MISSING_DEFAULT = true;

  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
  public static final String SHUTDOWN_TIMEOUT_MS_DOC = "Bound on closing the service (a running round is abandoned).";
  public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 30_000;

  /** Keys of this class that are not Kafka Streams settings and are not passed on to Kafka Streams. */
  public static final Set<String> TRAINER_KEYS = Set.of(STATE_DIR, CROP_RETENTION_MS, EVERY_LABELS, EVERY_MINUTES,
      MIN_LABELS, CHECK_INTERVAL_MS, MODE, EPOCHS, LEARNING_RATE, BATCH_SIZE, SEED, AUGMENTATION, BASE_DATA,
      REPLAY_RATIO, HOLDOUT_DATA, HOLDOUT_USAGE, HOLDOUT_LIMIT, EPSILON, FEEDBACK_TEST, FEEDBACK_ALPHA,
      HELD_BACK_PERCENT, FEEDBACK_MIN_EXAMPLES, FEEDBACK_MIN_GAIN, SCORING_ENGINE, RELEASE_TRANSPORT,
      BUFFER_MAX_EXAMPLES, HTTP_HOST, HTTP_PORT, TOPICS_CREATE_MISSING, SHUTDOWN_TIMEOUT_MS,
      RELEASE_STORE_DIR, RELEASE_PUBLISH_CHANNEL, RELEASE_REFERENCE_BASE_URI, RELEASE_DEFAULT_PATH, RELEASE_TIMEOUT_MS);

  private static final ConfigDef CONFIG = configDef();

  public static ConfigDef configDef() {
    return ReleaseConfig.configDef()
        .define(APPLICATION_ID, Type.STRING, APPLICATION_ID_DEFAULT, new NonEmptyString(), Importance.HIGH,
            APPLICATION_ID_DOC)
        .define(PROCESSING_GUARANTEE, Type.STRING, PROCESSING_GUARANTEE_DEFAULT,
            ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
            PROCESSING_GUARANTEE_DOC)
        .define(STATE_DIR, Type.STRING, STATE_DIR_DEFAULT, new NonEmptyString(), Importance.HIGH, STATE_DIR_DOC)
        .define(CROP_RETENTION_MS, Type.LONG, CROP_RETENTION_MS_DEFAULT, Range.between(1_000, Long.MAX_VALUE / 4),
            Importance.MEDIUM, CROP_RETENTION_MS_DOC)
        .define(MAX_TASK_IDLE_MS, Type.LONG, MAX_TASK_IDLE_MS_DEFAULT, Range.atLeast(-1), Importance.LOW,
            MAX_TASK_IDLE_MS_DOC)
        .define(EVERY_LABELS, Type.INT, EVERY_LABELS_DEFAULT, Range.between(1, 100_000_000), Importance.HIGH,
            EVERY_LABELS_DOC)
        .define(EVERY_MINUTES, Type.LONG, EVERY_MINUTES_DEFAULT, Range.between(0, 525_600), Importance.HIGH,
            EVERY_MINUTES_DOC)
        .define(MIN_LABELS, Type.INT, MIN_LABELS_DEFAULT, Range.between(1, 100_000_000), Importance.MEDIUM,
            MIN_LABELS_DOC)
        .define(CHECK_INTERVAL_MS, Type.LONG, CHECK_INTERVAL_MS_DEFAULT, Range.between(10, 3_600_000), Importance.LOW,
            CHECK_INTERVAL_MS_DOC)
        .define(MODE, Type.STRING, MODE_DEFAULT, ValidString.in("fine-tune", "scratch"), Importance.HIGH, MODE_DOC)
        .define(EPOCHS, Type.INT, EPOCHS_DEFAULT, Range.between(1, 1_000), Importance.MEDIUM, EPOCHS_DOC)
        .define(LEARNING_RATE, Type.DOUBLE, LEARNING_RATE_DEFAULT, Range.between(1e-8, 1.0), Importance.MEDIUM,
            LEARNING_RATE_DOC)
        .define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, 4_096), Importance.LOW, BATCH_SIZE_DOC)
        .define(SEED, Type.LONG, SEED_DEFAULT, Importance.LOW, SEED_DOC)
        .define(AUGMENTATION, Type.STRING, AUGMENTATION_DEFAULT, ValidString.in("standard", "none"), Importance.LOW,
            AUGMENTATION_DOC)
        .define(BASE_DATA, Type.STRING, BASE_DATA_DEFAULT, Importance.MEDIUM, BASE_DATA_DOC)
        .define(REPLAY_RATIO, Type.DOUBLE, REPLAY_RATIO_DEFAULT, Range.between(0, 100), Importance.LOW,
            REPLAY_RATIO_DOC)
        .define(HOLDOUT_DATA, Type.STRING, HOLDOUT_DATA_DEFAULT, new NonEmptyString(), Importance.HIGH,
            HOLDOUT_DATA_DOC)
        .define(HOLDOUT_USAGE, Type.STRING, HOLDOUT_USAGE_DEFAULT, ValidString.in("PublicTest", "PrivateTest",
            "Training"), Importance.MEDIUM, HOLDOUT_USAGE_DOC)
        .define(HOLDOUT_LIMIT, Type.INT, HOLDOUT_LIMIT_DEFAULT, Range.atLeast(0), Importance.LOW, HOLDOUT_LIMIT_DOC)
        .define(EPSILON, Type.DOUBLE, EPSILON_DEFAULT, Range.between(0, 0.999), Importance.HIGH, EPSILON_DOC)
        .define(FEEDBACK_TEST, Type.STRING, FEEDBACK_TEST_DEFAULT, ValidString.in("mcnemar", "accuracy"),
            Importance.HIGH, FEEDBACK_TEST_DOC)
        .define(FEEDBACK_ALPHA, Type.DOUBLE, FEEDBACK_ALPHA_DEFAULT, Range.between(1e-9, 0.5), Importance.MEDIUM,
            FEEDBACK_ALPHA_DOC)
        .define(FEEDBACK_MIN_GAIN, Type.DOUBLE, FEEDBACK_MIN_GAIN_DEFAULT, Range.between(0, 0.999), Importance.MEDIUM,
            FEEDBACK_MIN_GAIN_DOC)
        .define(HELD_BACK_PERCENT, Type.INT, HELD_BACK_PERCENT_DEFAULT, Range.between(1, 90), Importance.MEDIUM,
            HELD_BACK_PERCENT_DOC)
        .define(FEEDBACK_MIN_EXAMPLES, Type.INT, FEEDBACK_MIN_EXAMPLES_DEFAULT, Range.between(1, 1_000_000),
            Importance.MEDIUM, FEEDBACK_MIN_EXAMPLES_DOC)
        .define(SCORING_ENGINE, Type.STRING, SCORING_ENGINE_DEFAULT, ValidString.in("samediff", "dl4j"),
            Importance.LOW, SCORING_ENGINE_DOC)
        .define(RELEASE_TRANSPORT, Type.STRING, RELEASE_TRANSPORT_DEFAULT, ValidString.in("inline", "reference"),
            Importance.MEDIUM, RELEASE_TRANSPORT_DOC)
        .define(BUFFER_MAX_EXAMPLES, Type.INT, BUFFER_MAX_EXAMPLES_DEFAULT, Range.between(1, 100_000_000),
            Importance.LOW, BUFFER_MAX_EXAMPLES_DOC)
        .define(HTTP_HOST, Type.STRING, HTTP_HOST_DEFAULT, new NonEmptyString(), Importance.LOW, HTTP_HOST_DOC)
        .define(HTTP_PORT, Type.INT, HTTP_PORT_DEFAULT, Range.between(-1, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
        .define(TOPICS_CREATE_MISSING, Type.BOOLEAN, TOPICS_CREATE_MISSING_DEFAULT, Importance.LOW,
            TOPICS_CREATE_MISSING_DOC)
        .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, SHUTDOWN_TIMEOUT_MS_DEFAULT, Range.between(1, 600_000),
            Importance.LOW, SHUTDOWN_TIMEOUT_MS_DOC);
  }

  public TrainerConfig(Map<?, ?> props) {
    super(CONFIG, props);
  }

  /** A config from the defaults plus {@code overrides}. */
  public static TrainerConfig of(Map<String, ?> overrides) {
    return new TrainerConfig(new HashMap<>(overrides));
  }

  /** A path setting: as given when set, else the default resolved against the installation (see installationPath). */
  public Path path(String key) {
    return installationPath(key);
  }

  public Path stateDir() {
    return path(STATE_DIR);
  }

  /** The base data, or null when none is configured. */
  public Path baseData() {
    return getString(BASE_DATA).isBlank() ? null : path(BASE_DATA);
  }

  public boolean fromScratch() {
    return "scratch".equals(getString(MODE));
  }

  public Duration cropRetention() {
    return Duration.ofMillis(getLong(CROP_RETENTION_MS));
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
  }
}
