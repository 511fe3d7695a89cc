package io.ferstream.aggregator.app;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.aggregator.api.ApiHandler;
import io.ferstream.aggregator.api.StoreAccess;
import io.ferstream.aggregator.api.StreamsStoreAccess;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.config.StreamsSettings;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.aggregator.topology.AggregatorTopology;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.topics.TopicCreator;
import io.ferstream.common.topics.TopicSpecs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator, wired: topics, the Kafka Streams topology, and the HTTP server that carries the REST API
 * ({@code /api}) and whatever other handlers were added with {@link #addContext} before {@link #start()} (the
 * dashboard). The HTTP server is bound before Kafka Streams is created so that its real port (http.port 0 picks one)
 * is the {@code application.server} other instances forward queries to.
 */
public final class AggregatorApp implements ServiceRunner.Service {

  private static final Logger log = LoggerFactory.getLogger(AggregatorApp.class);
  private static final long TOPIC_CREATION_TIMEOUT_MS = 60_000;

  private final AggregatorConfig config;
  private final AggregatorSerdes serdes;
  private final Map<String, HttpHandler> extraContexts = new LinkedHashMap<>();
  private final java.util.Deque<AutoCloseable> closeables = new java.util.ArrayDeque<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  // Kafka Streams creates the exception handlers; they report each dead letter here, and /api/health shows the sum.
  private final LongAdder deadLetters = new LongAdder();
  private HttpServer http;
  private ExecutorService httpExecutor;
  private KafkaStreams streams;
  private StoreAccess stores;

  public AggregatorApp(AggregatorConfig config, AggregatorSerdes serdes) {
    this.config = config;
    this.serdes = serdes;
  }

  /**
   * Serves {@code handler} under {@code path} on the aggregator's HTTP server (e.g. the dashboard). Call before
   * {@link #start()}; {@code /api} is the REST API's and cannot be taken.
   */
  /**
   * Closes {@code resource} when the app closes: after Kafka Streams, before the HTTP server, in the reverse order of
   * registration. For what extensions start beside the app (the dashboard's feed).
   */
  public synchronized void closeWith(AutoCloseable resource) {
    closeables.push(java.util.Objects.requireNonNull(resource, "resource"));
  }

  public synchronized void addContext(String path, HttpHandler handler) {
    if (http != null) {
      throw new IllegalStateException("addContext must be called before start()");
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      throw new IllegalArgumentException(path + " belongs to the REST API");
    }
    extraContexts.put(path, handler);
  }

  @Override
  public synchronized void start() throws Exception {
    if (config.createMissingTopics()) {
      createTopics();
    }
    http = HttpServer.create(new InetSocketAddress(config.httpHost(), config.httpPort()), 64);
    AtomicInteger threads = new AtomicInteger();
    // Unbounded pool: dashboard streams (server-sent events) hold a thread for as long as a browser listens.
    httpExecutor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "aggregator-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(httpExecutor);
    HostInfo self = advertised();

    Topology topology = AggregatorTopology.build(config, serdes);
    log.info("Topology:\n{}", topology.describe());
    DeadLetterCounter counter = stage -> deadLetters.increment();
    streams = new KafkaStreams(topology, StreamsSettings.from(config, self.host() + ":" + self.port(), counter));
    streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
    streams.setUncaughtExceptionHandler(e -> {
      fatal.compareAndSet(null, e);
      log.error("Stream thread died: {}; shutting the aggregator down", e.toString(), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    stores = new StreamsStoreAccess(streams, self, config.retention(), deadLetters::sum);
    http.createContext("/api", new ApiHandler(stores, config.queryRetries(), config.queryRetryBackoff(),
        config.queryForwardTimeout()));
    extraContexts.forEach(http::createContext);
    http.start();
    streams.start();
    log.info("Aggregator {}: {} -> {} ({}, dead letters to {}), tumbling {} ms, hopping {} ms every {} ms, "
        + "grace {} ms; REST API on {}",
        config.applicationId(), config.emotionEventsTopic(), config.sessionStatsTopic(), config.processingGuarantee(),
        config.deadLetterTopic(), config.tumblingSize().toMillis(), config.hoppingSize().toMillis(),
        config.hoppingAdvance().toMillis(), config.grace().toMillis(), httpUri().resolve("/api/sessions"));
  }

  // An explicit application.server (behind a proxy or NAT) wins over application.server.host plus the bound port.
  private HostInfo advertised() {
    Object explicit = config.originals().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    if (explicit != null && !explicit.toString().isBlank()) {
      return HostInfo.buildFromEndpoint(explicit.toString().trim());
    }
    return new HostInfo(config.applicationServerHost(), http.getAddress().getPort());
  }

  private void createTopics() {
    TopicSpecs specs = TopicSpecs.from(config);
    try (Admin admin = Admin.create(StreamsSettings.clientSettings(config, AdminClientConfig.configNames()))) {
      new TopicCreator(admin, TOPIC_CREATION_TIMEOUT_MS)
          .createMissing(List.of(specs.emotionEvents(), specs.emotionEventsDlq(), specs.sessionEmotionStats()))
          .stream().filter(TopicCreator.Outcome::created)
          .forEach(o -> log.info("Created topic {}", o.spec()));
    }
  }

  /** The bound HTTP port (after {@link #start()}). */
  public int httpPort() {
    requireStarted();
    return http.getAddress().getPort();
  }

  /** Base URI of the HTTP server as other instances reach it: {@code http://application.server.host:port/}. */
  public URI httpUri() {
    requireStarted();
    return URI.create("http://" + config.applicationServerHost() + ":" + httpPort() + "/");
  }

  /** The Kafka Streams client (after {@link #start()}), for state and metrics. */
  public KafkaStreams streams() {
    requireStarted();
    return streams;
  }

  /** Interactive-query access to the stores (after {@link #start()}). */
  public StoreAccess stores() {
    requireStarted();
    return stores;
  }

  private void requireStarted() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
  }

  @Override
  public Throwable failure() {
    Throwable t = fatal.get();
    if (t == null && streams != null && streams.state() == KafkaStreams.State.ERROR) {
      return new IllegalStateException("Kafka Streams is in state ERROR");
    }
    return t;
  }

  @Override
  public synchronized void close() {
    if (streams != null) {
      if (!streams.close(CloseOptions.timeout(config.shutdownTimeout()))) {
        log.error("Kafka Streams did not close within {}", config.shutdownTimeout());
      }
    }
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", c, e);
      }
    }
    if (http != null) {
      http.stop(0);
    }
    if (httpExecutor != null) {
      httpExecutor.shutdownNow();
    }
  }
}
