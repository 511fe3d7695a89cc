package io.ferstream.dashboard;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.aggregator.api.StatsJson;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.SessionEmotionStats;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The live dashboard: the page (static files bundled in the jar) at {@code /} and the push stream of new
 * statistics at {@link #STREAM_PATH}, fed by a consumer of the statistics topic. It has no HTTP server of its own:
 * {@link #mount} adds its handlers to the aggregator's server (next to the REST API the page reads its history
 * from) or to any {@link HttpServer}. {@link #start()} starts the feed; {@link #close()} ends every stream and the
 * feed.
 */
public final class Dashboard implements ServiceRunner.Service {

  /** Path of the Server-Sent Events stream (not under /api, which is the REST API's alone). */
  public static final String STREAM_PATH = "/events";

  /** Where handlers are added: {@code HttpServer::createContext}, or the aggregator's {@code addContext}. */
  @FunctionalInterface
  public interface Mount {
    void addContext(String path, HttpHandler handler);
  }

  private final DashboardConfig config;
  private final Deserializer<SessionEmotionStats> deserializer;
  private final SseBroadcaster broadcaster;
  private StatsFeed feed;

  public Dashboard(DashboardConfig config) {
    this(config, Topics.from(config).sessionEmotionStats().valueSerde().deserializer());
  }

  /** With a given deserializer of the statistics (tests pass one on an in-memory registry). */
  public Dashboard(DashboardConfig config, Deserializer<SessionEmotionStats> deserializer) {
    this.config = config;
    this.deserializer = deserializer;
    this.broadcaster = SseBroadcaster.from(config);
  }

  /** Adds the page at {@code /} and the stream at {@link #STREAM_PATH}; call before the server starts. */
  public void mount(Mount mount) {
    mount.addContext("/", new StaticFiles("/"));
    mount.addContext(STREAM_PATH, broadcaster.handler());
  }

  /** {@link #mount(Mount)} on a JDK HTTP server. */
  public void mount(HttpServer server) {
    mount((path, handler) -> server.createContext(path, handler));
  }

  /** Sends one statistics record to every browser, as a {@code stats} event of {@link StatsJson}'s JSON. */
  public void publish(SessionEmotionStats stats) {
    broadcaster.broadcast("stats", StatsJson.toJsonString(stats));
  }

  @Override
  public void start() {
    feed = new StatsFeed(StatsFeed.consumerSettings(config), config.statsTopic(), deserializer, this::publish,
        config.feedPoll());
    feed.start();
  }

  /** Waits until the feed reads from the end of the statistics topic (tests produce only after this). */
  public boolean awaitFeedPositioned(Duration timeout) throws InterruptedException {
    return feed != null && feed.awaitPositioned(timeout);
  }

  @Override
  public Throwable failure() {
    return feed == null ? null : feed.failure();
  }

  public SseBroadcaster broadcaster() {
    return broadcaster;
  }

  public StatsFeed feed() {
    return feed;
  }

  @Override
  public void close() {
    // Streams first: browsers see the end at once (and reconnect to whatever comes back), then the consumer.
    broadcaster.close();
    if (feed != null) {
      feed.close();
    }
  }
}
