package io.ferstream.replay.config;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.model.eval.Calibration;
import io.ferstream.model.eval.Evaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Settings of {@code ferstream replay}: how recorded crops are scored (batch size, engine, threads, where the default
 * release is) and how topics are read. The engine, thread and release keys are the classifier's own keys with the
 * same meaning, so one properties file configures both.
 */
public class ReplayConfig extends FerStreamConfig {

  public static final String BATCH_SIZE = "replay.batch.size";
  public static final String BATCH_SIZE_DOC = "Crops per inference call when replaying; the same default as offline "
      + "`ferstream evaluate --batch-size`, so that both score the same rows in the same batches.";
  public static final int BATCH_SIZE_DEFAULT = Evaluator.DEFAULT_BATCH;

  public static final String INFERENCE_ENGINE = "inference.engine";
  public static final String INFERENCE_ENGINE_DOC = "Engine that runs the release, as in the classifier: auto "
      + "(SameDiff when it matches DL4J on a warm-up batch, else DL4J), samediff or dl4j.";
  public static final String INFERENCE_ENGINE_DEFAULT = "auto";

  public static final String INFERENCE_THREADS = "inference.threads";
  public static final String INFERENCE_THREADS_DOC = "ND4J/OpenMP threads for inference; 0 = one per core.";
  public static final int INFERENCE_THREADS_DEFAULT = 0;

  public static final String RELEASE_DEFAULT_PATH = "release.default.path";
  public static final String RELEASE_DEFAULT_PATH_DOC = "The default release (bundle zip or directory, as for the "
      + "classifier), used for --release default; relative paths resolve against the ferstream.home system "
      + "property when that is set and the key is not.";
  public static final String RELEASE_DEFAULT_PATH_DEFAULT = "releases";

  public static final String RELEASE_FETCH_TIMEOUT_MS = "release.fetch.timeout.ms";
  public static final String RELEASE_FETCH_TIMEOUT_MS_DOC = "Bound on reading a release bundle.";
  public static final long RELEASE_FETCH_TIMEOUT_MS_DEFAULT = 60_000;

  public static final String MAX_RECORDS = "replay.max.records";
  public static final String MAX_RECORDS_DOC = "Most labelled crops one replay holds (about 2.4 KB each in memory: "
      + "they are sorted before scoring); a larger range fails with a message instead of running out of memory.";
  public static final int MAX_RECORDS_DEFAULT = 1_000_000;

  public static final String POLL_TIMEOUT_MS = "replay.poll.timeout.ms";
  public static final String POLL_TIMEOUT_MS_DOC = "How long reading a topic may make no progress before the "
      + "replay fails (the broker is gone, or records below the end offset are not readable).";
  public static final long POLL_TIMEOUT_MS_DEFAULT = 30_000;

  public static final String TIME_SLACK_MS = "replay.time.slack.ms";
  public static final String TIME_SLACK_MS_DOC = "How much further than a time bound (--from T, --to T) offsets are "
      + "looked up; records are then kept by their own timestamp. Offsets follow timestamps only roughly (the "
      + "classifier's events carry their crop's time but are committed later), so this must exceed that lag.";
  public static final long TIME_SLACK_MS_DEFAULT = 300_000;

  public static final String CALIBRATION_BINS = "replay.calibration.bins";
  public static final String CALIBRATION_BINS_DOC = "Equal-width confidence bins of the reliability diagram and ECE.";
  public static final int CALIBRATION_BINS_DEFAULT = Calibration.DEFAULT_BINS;

  public static final String LABELS = "replay.labels";
  public static final String LABELS_DOC = "Where ground truth comes from: auto (labelled-feedback for the crop when "
      + "there is one, else the crop's own label), crop (FaceCrop.label only) or feedback (labelled-feedback only).";
  public static final String LABELS_DEFAULT = "auto";


  private static final ConfigDef CONFIG = configDef();

  public static ConfigDef configDef() {
    return FerStreamConfig.baseConfigDef()
        .define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, 4096), Importance.MEDIUM, BATCH_SIZE_DOC)
        .define(INFERENCE_ENGINE, Type.STRING, INFERENCE_ENGINE_DEFAULT, ValidString.in("auto", "samediff", "dl4j"),
            Importance.MEDIUM, INFERENCE_ENGINE_DOC)
        .define(INFERENCE_THREADS, Type.INT, INFERENCE_THREADS_DEFAULT, Range.between(0, 1024), Importance.LOW,
            INFERENCE_THREADS_DOC)
        .define(RELEASE_DEFAULT_PATH, Type.STRING, RELEASE_DEFAULT_PATH_DEFAULT, new NonEmptyString(),
            Importance.MEDIUM, RELEASE_DEFAULT_PATH_DOC)
        .define(RELEASE_FETCH_TIMEOUT_MS, Type.LONG, RELEASE_FETCH_TIMEOUT_MS_DEFAULT, Range.between(1, 3_600_000),
            Importance.LOW, RELEASE_FETCH_TIMEOUT_MS_DOC)
        .define(MAX_RECORDS, Type.INT, MAX_RECORDS_DEFAULT, Range.between(1, Integer.MAX_VALUE - 8), Importance.LOW,
            MAX_RECORDS_DOC)
        .define(POLL_TIMEOUT_MS, Type.LONG, POLL_TIMEOUT_MS_DEFAULT, Range.between(100, 3_600_000), Importance.LOW,
            POLL_TIMEOUT_MS_DOC)
        .define(TIME_SLACK_MS, Type.LONG, TIME_SLACK_MS_DEFAULT, Range.between(0, 7L * 24 * 3_600_000),
            Importance.LOW, TIME_SLACK_MS_DOC)
        .define(CALIBRATION_BINS, Type.INT, CALIBRATION_BINS_DEFAULT, Range.between(2, 1000), Importance.LOW,
            CALIBRATION_BINS_DOC)
        .define(LABELS, Type.STRING, LABELS_DEFAULT, ValidString.in("auto", "crop", "feedback"), Importance.MEDIUM,
            LABELS_DOC);
  }

  public ReplayConfig(Map<?, ?> props) {
    super(CONFIG, props);
  }

  /** A config from the defaults plus {@code overrides}. */
  public static ReplayConfig of(Map<String, ?> overrides) {
    return new ReplayConfig(new HashMap<>(overrides));
  }

  public int batchSize() {
    return getInt(BATCH_SIZE);
  }

  public String inferenceEngine() {
    return getString(INFERENCE_ENGINE);
  }

  public int inferenceThreads() {
    return getInt(INFERENCE_THREADS);
  }

  /** The default release path, resolved like the classifier's {@code release.default.path}. */
  public Path releaseDefaultPath() {
    return installationPath(RELEASE_DEFAULT_PATH);
  }

  public Duration releaseFetchTimeout() {
    return Duration.ofMillis(getLong(RELEASE_FETCH_TIMEOUT_MS));
  }

  public int maxRecords() {
    return getInt(MAX_RECORDS);
  }

  public Duration pollTimeout() {
    return Duration.ofMillis(getLong(POLL_TIMEOUT_MS));
  }

  public Duration timeSlack() {
    return Duration.ofMillis(getLong(TIME_SLACK_MS));
  }

  public int calibrationBins() {
    return getInt(CALIBRATION_BINS);
  }

  public String labels() {
    return getString(LABELS);
  }

  public String faceCropsTopic() {
    return getString(TOPIC_FACE_CROPS);
  }

  public String emotionEventsTopic() {
    return getString(TOPIC_EMOTION_EVENTS);
  }

  public String emotionEventsShadowTopic() {
    return getString(TOPIC_EMOTION_EVENTS_SHADOW);
  }

  public String labelledFeedbackTopic() {
    return getString(TOPIC_LABELLED_FEEDBACK);
  }
}
