package io.ferstream.classifier.config;

import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.topology.EagerCommitPolicy;
import io.ferstream.common.config.FerStreamConfig;
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
 * Settings of the classifier stream: the shared FerStream keys ({@link FerStreamConfig#baseConfigDef()}) plus the
 * micro-batching, release, HTTP and lifecycle keys below. Keys this definition does not know (any Kafka Streams,
 * consumer or producer property, e.g. {@code commit.interval.ms}, {@code num.stream.threads}) are passed through to
 * Kafka Streams unchanged by {@link StreamsSettings}.
 */
public class ClassifierConfig extends FerStreamConfig {

  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String APPLICATION_ID_DOC =
      "Kafka Streams application id: consumer group, transactional id prefix and prefix of internal topics.";
  public static final String APPLICATION_ID_DEFAULT = "ferstream-classifier";

  public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
  public static final String PROCESSING_GUARANTEE_DOC =
      "exactly_once_v2 (default: every crop gives exactly one committed event) or at_least_once.";
  public static final String PROCESSING_GUARANTEE_DEFAULT = StreamsConfig.EXACTLY_ONCE_V2;

  public static final String BATCH_MAX_SIZE = "batch.max.size";
  public static final String BATCH_MAX_SIZE_DOC =
      "Largest micro-batch: the crops pending on a stream thread (over all its partitions) are scored as soon as "
          + "there are this many.";
  public static final int BATCH_MAX_SIZE_DEFAULT = 64;

  public static final String BATCH_MAX_DELAY_MS = "batch.max.delay.ms";
  public static final String BATCH_MAX_DELAY_MS_DOC =
      "Longest a crop waits for its micro-batch to fill: the pending crops are scored once the oldest has waited "
          + "this long (wall-clock time).";
  public static final long BATCH_MAX_DELAY_MS_DEFAULT = 50;

  public static final String BATCH_PUNCTUATE_INTERVAL_MS = "batch.punctuate.interval.ms";
  public static final String BATCH_PUNCTUATE_INTERVAL_MS_DOC =
      "How often each task checks the delay and forwards scored crops (wall-clock punctuation); 0 picks "
          + "batch.max.delay.ms / 10, between 1 and 10 ms. poll.ms follows it unless set.";
  public static final long BATCH_PUNCTUATE_INTERVAL_MS_DEFAULT = 0;

  public static final String BATCH_COMMIT_ON_FORWARD = "batch.commit.on.forward";
  public static final String BATCH_COMMIT_ON_FORWARD_DOC =
      "Ask Kafka Streams to commit as soon as a task has forwarded the events of a batch, instead of waiting for "
          + "commit.interval.ms: read_committed consumers see events up to one commit interval earlier, for one "
          + "transaction commit per batch.";
  public static final boolean BATCH_COMMIT_ON_FORWARD_DEFAULT = true;

  public static final String BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS = "batch.commit.on.forward.max.lag.ms";
  public static final String BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS_DOC =
      "With batch.commit.on.forward, commit early only while the stream keeps up: while the newest crop a task "
          + "processed arrived at most this long after its record timestamp (wall clock minus record timestamp). "
          + "A stream further behind leaves its commits to commit.interval.ms, so that catching up costs one "
          + "transaction per interval instead of one per batch; its events wait at most one more interval. -1 "
          + "commits early whatever the lag.";
  public static final long BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS_DEFAULT = 500;

  public static final String BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS = "batch.commit.on.forward.min.spacing.ms";
  public static final String BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS_DOC =
      "With batch.commit.on.forward, the shortest time between two early commits of a task. A batch forwarded "
          + "sooner after the last one has its commit asked for by the task's next process or punctuation once this "
          + "time has passed. A transaction commit costs the stream thread a few ms; when batches are scored faster "
          + "than that, a commit per batch would leave the stream thread committing more than scoring. 0: a commit "
          + "after every forward.";
  public static final long BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS_DEFAULT = 10;

  public static final String BATCH_PIPELINED = "batch.pipelined";
  public static final String BATCH_PIPELINED_DOC =
      "Score each batch on a thread of its own while the stream thread goes on polling, committing and filling the "
          + "next batch (up to batch.max.in.flight batches in flight per stream thread; results are forwarded in "
          + "order by the next process or punctuation). Off: the stream thread waits for each batch's inference.";
  public static final boolean BATCH_PIPELINED_DEFAULT = true;

  public static final String BATCH_MAX_IN_FLIGHT = "batch.max.in.flight";
  public static final String BATCH_MAX_IN_FLIGHT_DOC =
      "With batch.pipelined, how many full batches of a stream thread may be in flight: handed to the engine at "
          + "once, and forwarded in order. The SameDiff engine queues their forward passes on its inference threads "
          + "in submission order, so an inference thread that finishes its part of one batch goes on with the next "
          + "instead of waiting for the other threads (the DL4J engine scores them one after the other). A batch "
          + "queued behind another adds that one's remaining inference time to its crops' latency. Only full batches "
          + "(batch.max.size) queue: a batch due by batch.max.delay.ms waits, growing, until nothing is in flight. "
          + "On 2 CPU cores 2 gave no more throughput than 1, measured in the same session (docs/benchmarks.md, "
          + "2026-12-01): the cores were already busy.";
  public static final int BATCH_MAX_IN_FLIGHT_DEFAULT = 1;

  public static final String RELEASE_DEFAULT_PATH = "release.default.path";
  public static final String RELEASE_DEFAULT_PATH_DOC =
      "Release bundle used when the model-releases topic has none: a bundle zip, or a directory of releases "
          + "(the one named by its LATEST file, else the newest zip). When the key is not set, the default releases "
          + "is resolved against the ferstream.home system property (the repository, set by bin/ferstream) when that "
          + "is set, else against the working directory; a value that is set is used as given.";
  public static final String RELEASE_DEFAULT_PATH_DEFAULT = "releases";

  public static final String RELEASE_WATCH_ENABLED = "release.watch.enabled";
  public static final String RELEASE_WATCH_ENABLED_DOC =
      "Follow the model-releases topic and hot-swap to each new release that verifies.";
  public static final boolean RELEASE_WATCH_ENABLED_DEFAULT = true;

  public static final String RELEASE_PINNED = "release.pinned";
  public static final String RELEASE_PINNED_DOC = "Serve only the release in release.default.path: model-releases is "
      + "neither read nor followed (the shadow classifier of `classify --shadow-release` is pinned to its candidate).";
  public static final boolean RELEASE_PINNED_DEFAULT = false;

  public static final String RELEASE_CHANNEL = "release.channel";
  public static final String RELEASE_CHANNEL_DOC =
      "Key of the model-releases records to follow; empty follows every record.";
  public static final String RELEASE_CHANNEL_DEFAULT = "";

  public static final String RELEASE_FETCH_TIMEOUT_MS = "release.fetch.timeout.ms";
  public static final String RELEASE_FETCH_TIMEOUT_MS_DOC =
      "Timeout to fetch a release bundle by its artifactUri, and to read model-releases up to its end at start.";
  public static final long RELEASE_FETCH_TIMEOUT_MS_DEFAULT = 60_000;

  public static final String INFERENCE_THREADS = "inference.threads";
  public static final String INFERENCE_THREADS_DOC =
      "Threads per inference call: ND4J's own limits (Environment maxThreads and maxMasterThreads) and the OpenMP "
          + "team size of every thread that scores batches (the conv ops); 0 keeps ND4J's choice (OMP_NUM_THREADS, "
          + "else the number of cores).";
  public static final int INFERENCE_THREADS_DEFAULT = 0;

  public static final String INFERENCE_SLICES = "inference.slices";
  public static final String INFERENCE_SLICES_DOC =
      "The SameDiff engine cuts each batch into up to this many slices, scored at the same time on their own "
          + "threads with inference.threads / slices OpenMP threads each (at least 16 crops per slice: smaller batches "
          + "use fewer, larger-team slices, and a batch too small to cut runs the ensemble's members side by side on "
          + "those threads); 0 = one slice per inference thread, 1 = no slicing (one pass with the whole OpenMP team).";
  public static final int INFERENCE_SLICES_DEFAULT = 0;

  public static final String INFERENCE_CROPS_PER_THREAD = "inference.crops.per.thread";
  public static final String INFERENCE_CROPS_PER_THREAD_DOC =
      "A pass over k crops runs with an OpenMP team of ceil(k / this) threads, at most its share of "
          + "inference.threads, so that small batches leave the other cores to Kafka: on 2 cores a two-thread team "
          + "scored batches of 1-4 crops no faster than one thread for up to twice the CPU, while batches of 8 ran "
          + "10-15 % faster end to end on two. 0 = always the whole share.";
  public static final int INFERENCE_CROPS_PER_THREAD_DEFAULT = 4;

  public static final String INFERENCE_ENGINE = "inference.engine";
  public static final String INFERENCE_ENGINE_DOC =
      "Engine that runs a release's members: auto (SameDiff, i.e. libnd4j's conv/pool ops, oneDNN on the "
          + "onednn-avx512 and onednn-avx2 binaries, when the release converts and matches DL4J on a warm-up batch, "
          + "else DL4J), samediff (reject a release that does not), or dl4j (the MultiLayerNetworks as trained). "
          + "Applies to every release, the first one and each hot swap.";
  public static final String INFERENCE_ENGINE_DEFAULT = "auto";

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_HOST_DOC = "Interface of the health, readiness and metrics HTTP endpoint.";
  public static final String HTTP_HOST_DEFAULT = "0.0.0.0";

  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_PORT_DOC =
      "Port of the HTTP endpoint (/health, /ready, /metrics); 0 picks a free port, -1 turns it off.";
  public static final int HTTP_PORT_DEFAULT = 8085;

  public static final String TOPICS_CREATE_MISSING = "topics.create.missing";
  public static final String TOPICS_CREATE_MISSING_DOC =
      "Create face-crops, emotion-events, face-crops-dlq and model-releases at start when they do not exist.";
  public static final boolean TOPICS_CREATE_MISSING_DEFAULT = true;

  public static final String SHUTDOWN_DRAIN_TIMEOUT_MS = "shutdown.drain.timeout.ms";
  public static final String SHUTDOWN_DRAIN_TIMEOUT_MS_DOC =
      "On shutdown, how long to keep running while the pending micro-batch is scored and forwarded; what is still "
          + "pending after it stays in the logged store and is scored after the restart.";
  public static final long SHUTDOWN_DRAIN_TIMEOUT_MS_DEFAULT = 5_000;

  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
  public static final String SHUTDOWN_TIMEOUT_MS_DOC = "Bound on closing Kafka Streams after the drain.";
  public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 30_000;

  public static final String THREAD_REPLACEMENTS_MAX = "stream.thread.replacements.max";
  public static final String THREAD_REPLACEMENTS_MAX_DOC =
      "A stream thread that dies of an unexpected exception is replaced this many times in the life of the "
          + "process; the next failure shuts the application down (exit code 1).";
  public static final int THREAD_REPLACEMENTS_MAX_DEFAULT = 3;

  /** Keys of this class that are not Kafka Streams settings and must not be passed on to Kafka Streams. */
  static final Set<String> CLASSIFIER_KEYS = Set.of(BATCH_MAX_SIZE, BATCH_MAX_DELAY_MS, BATCH_PUNCTUATE_INTERVAL_MS,
      BATCH_COMMIT_ON_FORWARD, BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS, BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS,
      BATCH_PIPELINED, BATCH_MAX_IN_FLIGHT,
      RELEASE_DEFAULT_PATH, RELEASE_WATCH_ENABLED, RELEASE_PINNED, RELEASE_CHANNEL, RELEASE_FETCH_TIMEOUT_MS, INFERENCE_THREADS, INFERENCE_SLICES,
      INFERENCE_CROPS_PER_THREAD,
      INFERENCE_ENGINE,
      HTTP_HOST, HTTP_PORT, TOPICS_CREATE_MISSING, SHUTDOWN_DRAIN_TIMEOUT_MS, SHUTDOWN_TIMEOUT_MS,
      THREAD_REPLACEMENTS_MAX);

  private static final ConfigDef CONFIG = configDef();

  public static ConfigDef configDef() {
    return FerStreamConfig.baseConfigDef()
        .define(APPLICATION_ID, Type.STRING, APPLICATION_ID_DEFAULT, new NonEmptyString(), Importance.HIGH,
            APPLICATION_ID_DOC)
        .define(PROCESSING_GUARANTEE, Type.STRING, PROCESSING_GUARANTEE_DEFAULT,
            ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
            PROCESSING_GUARANTEE_DOC)
        .define(BATCH_MAX_SIZE, Type.INT, BATCH_MAX_SIZE_DEFAULT, Range.between(1, 4096), Importance.HIGH,
            BATCH_MAX_SIZE_DOC)
        .define(BATCH_MAX_DELAY_MS, Type.LONG, BATCH_MAX_DELAY_MS_DEFAULT, Range.between(0, 600_000), Importance.HIGH,
            BATCH_MAX_DELAY_MS_DOC)
        .define(BATCH_PUNCTUATE_INTERVAL_MS, Type.LONG, BATCH_PUNCTUATE_INTERVAL_MS_DEFAULT, Range.between(0, 10_000),
            Importance.LOW, BATCH_PUNCTUATE_INTERVAL_MS_DOC)
        .define(BATCH_COMMIT_ON_FORWARD, Type.BOOLEAN, BATCH_COMMIT_ON_FORWARD_DEFAULT, Importance.MEDIUM,
            BATCH_COMMIT_ON_FORWARD_DOC)
        .define(BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS, Type.LONG, BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS_DEFAULT,
            Range.between(-1, 86_400_000), Importance.LOW, BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS_DOC)
        .define(BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS, Type.LONG, BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS_DEFAULT,
            Range.between(0, 60_000), Importance.LOW, BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS_DOC)
        .define(BATCH_PIPELINED, Type.BOOLEAN, BATCH_PIPELINED_DEFAULT, Importance.MEDIUM, BATCH_PIPELINED_DOC)
        .define(BATCH_MAX_IN_FLIGHT, Type.INT, BATCH_MAX_IN_FLIGHT_DEFAULT, Range.between(1, 8), Importance.LOW,
            BATCH_MAX_IN_FLIGHT_DOC)
        .define(RELEASE_DEFAULT_PATH, Type.STRING, RELEASE_DEFAULT_PATH_DEFAULT, new NonEmptyString(),
            Importance.MEDIUM, RELEASE_DEFAULT_PATH_DOC)
        .define(RELEASE_WATCH_ENABLED, Type.BOOLEAN, RELEASE_WATCH_ENABLED_DEFAULT, Importance.MEDIUM,
            RELEASE_WATCH_ENABLED_DOC)
        .define(RELEASE_PINNED, Type.BOOLEAN, RELEASE_PINNED_DEFAULT, Importance.LOW, RELEASE_PINNED_DOC)
        .define(RELEASE_CHANNEL, Type.STRING, RELEASE_CHANNEL_DEFAULT, Importance.LOW, RELEASE_CHANNEL_DOC)
        .define(RELEASE_FETCH_TIMEOUT_MS, Type.LONG, RELEASE_FETCH_TIMEOUT_MS_DEFAULT, Range.between(1, 3_600_000),
            Importance.LOW, RELEASE_FETCH_TIMEOUT_MS_DOC)
        .define(INFERENCE_THREADS, Type.INT, INFERENCE_THREADS_DEFAULT, Range.between(0, 1024), Importance.MEDIUM,
            INFERENCE_THREADS_DOC)
        .define(INFERENCE_SLICES, Type.INT, INFERENCE_SLICES_DEFAULT, Range.between(0, 64), Importance.LOW,
            INFERENCE_SLICES_DOC)
        .define(INFERENCE_CROPS_PER_THREAD, Type.INT, INFERENCE_CROPS_PER_THREAD_DEFAULT, Range.between(0, 4096),
            Importance.LOW, INFERENCE_CROPS_PER_THREAD_DOC)
        .define(INFERENCE_ENGINE, Type.STRING, INFERENCE_ENGINE_DEFAULT,
            ValidString.in("auto", "samediff", "dl4j"), Importance.MEDIUM, INFERENCE_ENGINE_DOC)
        .define(HTTP_HOST, Type.STRING, HTTP_HOST_DEFAULT, new NonEmptyString(), Importance.LOW, HTTP_HOST_DOC)
        .define(HTTP_PORT, Type.INT, HTTP_PORT_DEFAULT, Range.between(-1, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
        .define(TOPICS_CREATE_MISSING, Type.BOOLEAN, TOPICS_CREATE_MISSING_DEFAULT, Importance.LOW,
            TOPICS_CREATE_MISSING_DOC)
        .define(SHUTDOWN_DRAIN_TIMEOUT_MS, Type.LONG, SHUTDOWN_DRAIN_TIMEOUT_MS_DEFAULT, Range.between(0, 600_000),
            Importance.LOW, SHUTDOWN_DRAIN_TIMEOUT_MS_DOC)
        .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, SHUTDOWN_TIMEOUT_MS_DEFAULT, Range.between(1, 600_000),
            Importance.LOW, SHUTDOWN_TIMEOUT_MS_DOC)
        .define(THREAD_REPLACEMENTS_MAX, Type.INT, THREAD_REPLACEMENTS_MAX_DEFAULT, Range.between(0, 1000),
            Importance.LOW, THREAD_REPLACEMENTS_MAX_DOC);
  }

  public ClassifierConfig(Map<?, ?> props) {
    super(CONFIG, props);
  }

  /** A config from the defaults plus {@code overrides}. */
  public static ClassifierConfig of(Map<String, ?> overrides) {
    return new ClassifierConfig(new HashMap<>(overrides));
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public String processingGuarantee() {
    return getString(PROCESSING_GUARANTEE);
  }

  public boolean exactlyOnce() {
    return StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee());
  }

  public int batchMaxSize() {
    return getInt(BATCH_MAX_SIZE);
  }

  public long batchMaxDelayMs() {
    return getLong(BATCH_MAX_DELAY_MS);
  }

  /** The effective punctuation interval: the configured one, or batch.max.delay.ms / 10 within [1, 10] ms. */
  public Duration punctuateInterval() {
    long configured = getLong(BATCH_PUNCTUATE_INTERVAL_MS);
    long ms = configured > 0 ? configured : Math.max(1, Math.min(10, batchMaxDelayMs() / 10));
    return Duration.ofMillis(ms);
  }

  /** When a task commits right after forwarding a batch ({@code batch.commit.on.forward*}). */
  public EagerCommitPolicy eagerCommitPolicy() {
    return new EagerCommitPolicy(getBoolean(BATCH_COMMIT_ON_FORWARD), getLong(BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS),
        getLong(BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS));
  }

  public boolean pipelined() {
    return getBoolean(BATCH_PIPELINED);
  }

  public int batchMaxInFlight() {
    return getInt(BATCH_MAX_IN_FLIGHT);
  }

  public String faceCropsTopic() {
    return getString(TOPIC_FACE_CROPS);
  }

  public String emotionEventsTopic() {
    return getString(TOPIC_EMOTION_EVENTS);
  }

  public String deadLetterTopic() {
    return getString(TOPIC_FACE_CROPS_DLQ);
  }

  public String modelReleasesTopic() {
    return getString(TOPIC_MODEL_RELEASES);
  }

  /**
   * The default release path: the configured value as given; when the key is not set, {@code releases} under the
   * {@value #FERSTREAM_HOME_PROPERTY} directory when that property is set (so {@code bin/ferstream classify} finds
   * the repository's releases from any working directory), else relative to the working directory.
   */
  public String releaseDefaultPath() {
    return installationPath(RELEASE_DEFAULT_PATH).toString();
  }

  public boolean releaseWatchEnabled() {
    return getBoolean(RELEASE_WATCH_ENABLED);
  }

  public boolean releasePinned() {
    return getBoolean(RELEASE_PINNED);
  }

  public String releaseChannel() {
    return getString(RELEASE_CHANNEL);
  }

  public Duration releaseFetchTimeout() {
    return Duration.ofMillis(getLong(RELEASE_FETCH_TIMEOUT_MS));
  }

  public int inferenceThreads() {
    return getInt(INFERENCE_THREADS);
  }

  public int inferenceSlices() {
    return getInt(INFERENCE_SLICES);
  }

  public int inferenceCropsPerThread() {
    return getInt(INFERENCE_CROPS_PER_THREAD);
  }

  public EngineKind inferenceEngine() {
    return EngineKind.parse(getString(INFERENCE_ENGINE));
  }

  public String httpHost() {
    return getString(HTTP_HOST);
  }

  public int httpPort() {
    return getInt(HTTP_PORT);
  }

  public boolean createMissingTopics() {
    return getBoolean(TOPICS_CREATE_MISSING);
  }

  public Duration shutdownDrainTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_DRAIN_TIMEOUT_MS));
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
  }

  public int threadReplacementsMax() {
    return getInt(THREAD_REPLACEMENTS_MAX);
  }
}
