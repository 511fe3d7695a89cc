package io.ferstream.dashboard;

import io.ferstream.common.config.FerStreamConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the live dashboard: the shared FerStream keys ({@link FerStreamConfig#baseConfigDef()}, of which it
 * reads the Kafka, registry and {@code topic.session.emotion.stats} keys) plus the push-stream keys below. Kafka
 * consumer keys the user gives (security settings, timeouts) pass through to the dashboard's consumer.
 */
public class DashboardConfig extends FerStreamConfig {

  public static final String SSE_QUEUE_SIZE = "dashboard.sse.queue.size";
  public static final String SSE_QUEUE_SIZE_DOC =
      "Events buffered per connected browser. A browser that falls this far behind is disconnected (it reconnects "
          + "and reloads its state), so that one slow client never holds up the others or the application.";
  public static final int SSE_QUEUE_SIZE_DEFAULT = 512;

  public static final String SSE_HEARTBEAT_MS = "dashboard.sse.heartbeat.ms";
  public static final String SSE_HEARTBEAT_MS_DOC =
      "Interval of the heartbeat sent to each browser while no statistics arrive: keeps proxies from closing the "
          + "idle stream and lets the server notice browsers that went away.";
  public static final long SSE_HEARTBEAT_MS_DEFAULT = 10_000;

  public static final String SSE_MAX_CLIENTS = "dashboard.sse.max.clients";
  public static final String SSE_MAX_CLIENTS_DOC =
      "Most browsers connected to the push stream at once (each holds one thread); more are answered 503.";
  public static final int SSE_MAX_CLIENTS_DEFAULT = 64;

  public static final String SSE_RETRY_MS = "dashboard.sse.retry.ms";
  public static final String SSE_RETRY_MS_DOC = "How long a browser waits before reconnecting a broken stream.";
  public static final long SSE_RETRY_MS_DEFAULT = 2_000;

  public static final String FEED_POLL_MS = "dashboard.feed.poll.ms";
  public static final String FEED_POLL_MS_DOC =
      "Longest poll of the dashboard's consumer of the statistics topic; bounds how quickly it notices a close.";
  public static final long FEED_POLL_MS_DEFAULT = 200;

  /** Keys of this class; they are not Kafka consumer settings. */
  static final Set<String> DASHBOARD_KEYS = Set.of(SSE_QUEUE_SIZE, SSE_HEARTBEAT_MS, SSE_MAX_CLIENTS, SSE_RETRY_MS,
      FEED_POLL_MS);

  private static final ConfigDef CONFIG = configDef();

  public static ConfigDef configDef() {
    return FerStreamConfig.baseConfigDef()
        .define(SSE_QUEUE_SIZE, Type.INT, SSE_QUEUE_SIZE_DEFAULT, Range.between(1, 1_000_000), Importance.LOW,
            SSE_QUEUE_SIZE_DOC)
        .define(SSE_HEARTBEAT_MS, Type.LONG, SSE_HEARTBEAT_MS_DEFAULT, Range.between(100, 600_000), Importance.LOW,
            SSE_HEARTBEAT_MS_DOC)
        .define(SSE_MAX_CLIENTS, Type.INT, SSE_MAX_CLIENTS_DEFAULT, Range.between(1, 10_000), Importance.LOW,
            SSE_MAX_CLIENTS_DOC)
        .define(SSE_RETRY_MS, Type.LONG, SSE_RETRY_MS_DEFAULT, Range.between(100, 600_000), Importance.LOW,
            SSE_RETRY_MS_DOC)
        .define(FEED_POLL_MS, Type.LONG, FEED_POLL_MS_DEFAULT, Range.between(10, 60_000), Importance.LOW,
            FEED_POLL_MS_DOC);
  }

  public DashboardConfig(Map<?, ?> props) {
    super(CONFIG, props);
  }

  /** A config from the defaults plus {@code overrides}. */
  public static DashboardConfig of(Map<String, ?> overrides) {
    return new DashboardConfig(new HashMap<>(overrides));
  }

  public String statsTopic() {
    return getString(TOPIC_SESSION_STATS);
  }

  public int sseQueueSize() {
    return getInt(SSE_QUEUE_SIZE);
  }

  public Duration sseHeartbeat() {
    return Duration.ofMillis(getLong(SSE_HEARTBEAT_MS));
  }

  public int sseMaxClients() {
    return getInt(SSE_MAX_CLIENTS);
  }

  public Duration sseRetry() {
    return Duration.ofMillis(getLong(SSE_RETRY_MS));
  }

  public Duration feedPoll() {
    return Duration.ofMillis(getLong(FEED_POLL_MS));
  }
}
