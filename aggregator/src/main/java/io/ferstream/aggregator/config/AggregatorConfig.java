package io.ferstream.aggregator.config;

import io.ferstream.common.config.FerStreamConfig;
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
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the aggregator: the shared FerStream keys ({@link FerStreamConfig#baseConfigDef()}) plus the window,
 * HTTP/interactive-query and lifecycle keys below. Keys this definition does not know (any Kafka Streams, consumer
 * or producer property, e.g. {@code commit.interval.ms}, {@code num.stream.threads}) are passed through to Kafka
 * Streams unchanged by {@link StreamsSettings}.
 */
public class AggregatorConfig extends FerStreamConfig {

  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String APPLICATION_ID_DOC =
      "Kafka Streams application id: consumer group, transactional id prefix and prefix of the changelog topics. "
          + "Instances with the same id share the work and answer each other's queries.";
  public static final String APPLICATION_ID_DEFAULT = "ferstream-aggregator";

  public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
  public static final String PROCESSING_GUARANTEE_DOC =
      "exactly_once_v2 (default: store updates, output records and input offsets commit together, so no event is "
          + "counted twice after a crash or restart) or at_least_once.";
  public static final String PROCESSING_GUARANTEE_DEFAULT = StreamsConfig.EXACTLY_ONCE_V2;

  public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
  public static final String STATE_DIR_DOC =
      "Directory of the local state stores (RocksDB). Kept across restarts so that only the changelog tail is "
          + "restored; each instance on one host needs its own.";
  public static final String STATE_DIR_DEFAULT = ".ferstream/aggregator/state";

  public static final String WINDOW_TUMBLING_SIZE_MS = "window.tumbling.size.ms";
  public static final String WINDOW_TUMBLING_SIZE_MS_DOC = "Size of the tumbling windows (event time).";
  public static final long WINDOW_TUMBLING_SIZE_MS_DEFAULT = 10_000;

  public static final String WINDOW_HOPPING_SIZE_MS = "window.hopping.size.ms";
  public static final String WINDOW_HOPPING_SIZE_MS_DOC = "Size of the hopping windows (event time).";
  public static final long WINDOW_HOPPING_SIZE_MS_DEFAULT = 60_000;

  public static final String WINDOW_HOPPING_ADVANCE_MS = "window.hopping.advance.ms";
  public static final String WINDOW_HOPPING_ADVANCE_MS_DOC =
      "Advance of the hopping windows; at most window.hopping.size.ms (equal gives tumbling windows).";
  public static final long WINDOW_HOPPING_ADVANCE_MS_DEFAULT = 10_000;

  public static final String WINDOW_GRACE_MS = "window.grace.ms";
  public static final String WINDOW_GRACE_MS_DOC =
      "How long after a window's end (in stream time) an out-of-order event is still counted in it; later events "
          + "are dropped from that window and counted in the dropped-records metric. The session total takes every "
          + "event.";
  public static final long WINDOW_GRACE_MS_DEFAULT = 30_000;

  public static final String WINDOW_RETENTION_MS = "window.retention.ms";
  public static final String WINDOW_RETENTION_MS_DOC =
      "How long (stream time) closed windows stay in the state stores and can be queried (timeline); at least "
          + "window size + grace.";
  public static final long WINDOW_RETENTION_MS_DEFAULT = 3_600_000;

  public static final String STATS_FACES_MAX = "stats.faces.max";
  public static final String STATS_FACES_MAX_DOC =
      "Most distinct face track ids remembered per window or session (bounds the state); past it faceCount stops "
          + "growing.";
  public static final int STATS_FACES_MAX_DEFAULT = 1_000;

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_HOST_DOC = "Interface the REST API binds to.";
  public static final String HTTP_HOST_DEFAULT = "0.0.0.0";

  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_PORT_DOC = "Port of the REST API (/api/...); 0 picks a free port.";
  public static final int HTTP_PORT_DEFAULT = 8086;

  public static final String APPLICATION_SERVER_HOST = "application.server.host";
  public static final String APPLICATION_SERVER_HOST_DOC =
      "Host name other instances use to reach this one's REST API; with the bound http.port it becomes Kafka "
          + "Streams' application.server, so queries for sessions stored elsewhere are forwarded to their owner.";
  public static final String APPLICATION_SERVER_HOST_DEFAULT = "localhost";

  public static final String QUERY_RETRIES = "query.retries";
  public static final String QUERY_RETRIES_DOC =
      "How many more times a query is tried while the stores are not queryable (rebalancing, restoring) before the "
          + "API answers 503.";
  public static final int QUERY_RETRIES_DEFAULT = 5;

  public static final String QUERY_RETRY_BACKOFF_MS = "query.retry.backoff.ms";
  public static final String QUERY_RETRY_BACKOFF_MS_DOC = "Wait between two tries of a query.";
  public static final long QUERY_RETRY_BACKOFF_MS_DEFAULT = 200;

  public static final String QUERY_FORWARD_TIMEOUT_MS = "query.forward.timeout.ms";
  public static final String QUERY_FORWARD_TIMEOUT_MS_DOC =
      "Timeout of a query forwarded to the instance that owns the session.";
  public static final long QUERY_FORWARD_TIMEOUT_MS_DEFAULT = 5_000;

  public static final String TOPICS_CREATE_MISSING = "topics.create.missing";
  public static final String TOPICS_CREATE_MISSING_DOC =
      "Create emotion-events, emotion-events-dlq and session-emotion-stats at start when they do not exist.";
  public static final boolean TOPICS_CREATE_MISSING_DEFAULT = true;

  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
  public static final String SHUTDOWN_TIMEOUT_MS_DOC = "Bound on closing Kafka Streams.";
  public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 30_000;

  /** Keys of this class that are not Kafka Streams settings and must not be passed on to Kafka Streams. */
  static final Set<String> AGGREGATOR_KEYS = Set.of(WINDOW_TUMBLING_SIZE_MS, WINDOW_HOPPING_SIZE_MS,
      WINDOW_HOPPING_ADVANCE_MS, WINDOW_GRACE_MS, WINDOW_RETENTION_MS, STATS_FACES_MAX, HTTP_HOST, HTTP_PORT,
      APPLICATION_SERVER_HOST, QUERY_RETRIES, QUERY_RETRY_BACKOFF_MS, QUERY_FORWARD_TIMEOUT_MS,
      TOPICS_CREATE_MISSING, SHUTDOWN_TIMEOUT_MS);

  private static final ConfigDef CONFIG = configDef();

  public static ConfigDef configDef() {
    return FerStreamConfig.baseConfigDef()
        .define(APPLICATION_ID, Type.STRING, APPLICATION_ID_DEFAULT, new NonEmptyString(), Importance.HIGH,
            APPLICATION_ID_DOC)
        .define(PROCESSING_GUARANTEE, Type.STRING, PROCESSING_GUARANTEE_DEFAULT,
            ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
            PROCESSING_GUARANTEE_DOC)
        .define(STATE_DIR, Type.STRING, STATE_DIR_DEFAULT, new NonEmptyString(), Importance.MEDIUM, STATE_DIR_DOC)
        .define(WINDOW_TUMBLING_SIZE_MS, Type.LONG, WINDOW_TUMBLING_SIZE_MS_DEFAULT, Range.between(1, 86_400_000),
            Importance.HIGH, WINDOW_TUMBLING_SIZE_MS_DOC)
        .define(WINDOW_HOPPING_SIZE_MS, Type.LONG, WINDOW_HOPPING_SIZE_MS_DEFAULT, Range.between(1, 86_400_000),
            Importance.MEDIUM, WINDOW_HOPPING_SIZE_MS_DOC)
        .define(WINDOW_HOPPING_ADVANCE_MS, Type.LONG, WINDOW_HOPPING_ADVANCE_MS_DEFAULT, Range.between(1, 86_400_000),
            Importance.MEDIUM, WINDOW_HOPPING_ADVANCE_MS_DOC)
        .define(WINDOW_GRACE_MS, Type.LONG, WINDOW_GRACE_MS_DEFAULT, Range.between(0, 86_400_000), Importance.MEDIUM,
            WINDOW_GRACE_MS_DOC)
        .define(WINDOW_RETENTION_MS, Type.LONG, WINDOW_RETENTION_MS_DEFAULT, Range.between(1, 365L * 86_400_000),
            Importance.LOW, WINDOW_RETENTION_MS_DOC)
        .define(STATS_FACES_MAX, Type.INT, STATS_FACES_MAX_DEFAULT, Range.between(1, 100_000), Importance.LOW,
            STATS_FACES_MAX_DOC)
        .define(HTTP_HOST, Type.STRING, HTTP_HOST_DEFAULT, new NonEmptyString(), Importance.LOW, HTTP_HOST_DOC)
        .define(HTTP_PORT, Type.INT, HTTP_PORT_DEFAULT, Range.between(0, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
        .define(APPLICATION_SERVER_HOST, Type.STRING, APPLICATION_SERVER_HOST_DEFAULT, new NonEmptyString(),
            Importance.MEDIUM, APPLICATION_SERVER_HOST_DOC)
        .define(QUERY_RETRIES, Type.INT, QUERY_RETRIES_DEFAULT, Range.between(0, 100), Importance.LOW,
            QUERY_RETRIES_DOC)
        .define(QUERY_RETRY_BACKOFF_MS, Type.LONG, QUERY_RETRY_BACKOFF_MS_DEFAULT, Range.between(0, 60_000),
            Importance.LOW, QUERY_RETRY_BACKOFF_MS_DOC)
        .define(QUERY_FORWARD_TIMEOUT_MS, Type.LONG, QUERY_FORWARD_TIMEOUT_MS_DEFAULT, Range.between(1, 600_000),
            Importance.LOW, QUERY_FORWARD_TIMEOUT_MS_DOC)
        .define(TOPICS_CREATE_MISSING, Type.BOOLEAN, TOPICS_CREATE_MISSING_DEFAULT, Importance.LOW,
            TOPICS_CREATE_MISSING_DOC)
        .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, SHUTDOWN_TIMEOUT_MS_DEFAULT, Range.between(1, 600_000),
            Importance.LOW, SHUTDOWN_TIMEOUT_MS_DOC);
  }

  public AggregatorConfig(Map<?, ?> props) {
    super(CONFIG, props);
    validateWindows();
  }

  /** A config from the defaults plus {@code overrides}. */
  public static AggregatorConfig of(Map<String, ?> overrides) {
    return new AggregatorConfig(new HashMap<>(overrides));
  }

  // Cross-key rules ConfigDef's per-key validators cannot express.
  private void validateWindows() {
    if (hoppingAdvance().compareTo(hoppingSize()) > 0) {
      throw new ConfigException(WINDOW_HOPPING_ADVANCE_MS, hoppingAdvance().toMillis(),
          "must not exceed " + WINDOW_HOPPING_SIZE_MS + " (" + hoppingSize().toMillis() + ")");
    }
    long needed = Math.max(tumblingSize().toMillis(), hoppingSize().toMillis()) + grace().toMillis();
    if (retention().toMillis() < needed) {
      throw new ConfigException(WINDOW_RETENTION_MS, retention().toMillis(),
          "must be at least the largest window size plus " + WINDOW_GRACE_MS + " (" + needed + ")");
    }
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

  public String stateDir() {
    return getString(STATE_DIR);
  }

  public String emotionEventsTopic() {
    return getString(TOPIC_EMOTION_EVENTS);
  }

  /** Where undecodable or refused records go: {@code topic.emotion.events.dlq}. */
  public String deadLetterTopic() {
    return getString(TOPIC_EMOTION_EVENTS_DLQ);
  }

  public String sessionStatsTopic() {
    return getString(TOPIC_SESSION_STATS);
  }

  public Duration tumblingSize() {
    return Duration.ofMillis(getLong(WINDOW_TUMBLING_SIZE_MS));
  }

  public Duration hoppingSize() {
    return Duration.ofMillis(getLong(WINDOW_HOPPING_SIZE_MS));
  }

  public Duration hoppingAdvance() {
    return Duration.ofMillis(getLong(WINDOW_HOPPING_ADVANCE_MS));
  }

  public Duration grace() {
    return Duration.ofMillis(getLong(WINDOW_GRACE_MS));
  }

  public Duration retention() {
    return Duration.ofMillis(getLong(WINDOW_RETENTION_MS));
  }

  public int maxFaces() {
    return getInt(STATS_FACES_MAX);
  }

  public String httpHost() {
    return getString(HTTP_HOST);
  }

  public int httpPort() {
    return getInt(HTTP_PORT);
  }

  public String applicationServerHost() {
    return getString(APPLICATION_SERVER_HOST);
  }

  public int queryRetries() {
    return getInt(QUERY_RETRIES);
  }

  public Duration queryRetryBackoff() {
    return Duration.ofMillis(getLong(QUERY_RETRY_BACKOFF_MS));
  }

  public Duration queryForwardTimeout() {
    return Duration.ofMillis(getLong(QUERY_FORWARD_TIMEOUT_MS));
  }

  public boolean createMissingTopics() {
    return getBoolean(TOPICS_CREATE_MISSING);
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
  }
}
