package io.ferstream.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server$;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Tuple2;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller, {@code process.roles=broker,controller})
 * running inside this JVM, with its data in one directory.
 *
 * <p>The data directory survives restarts: on {@link #start()} it is formatted (a new cluster id written to its
 * {@code meta.properties}) only when it has not been formatted yet; otherwise the existing cluster id, topics and
 * records are used as they are. Without {@link Builder#dataDir(Path)} the broker uses a temporary directory that is
 * deleted on {@link #close()}; a given directory is never deleted.
 *
 * <p>The client listener ({@code PLAINTEXT}) listens on {@link Builder#port(int)} (0: an ephemeral port, read back
 * after start); the controller listener ({@code CONTROLLER}) always uses an ephemeral port on {@code localhost}.
 * The settings suit a single node: internal topics with replication factor 1, {@code transaction.state.log.min.isr=1},
 * {@code group.initial.rebalance.delay.ms=0}, so transactions and Kafka Streams {@code exactly_once_v2} work.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).port(0).build()) {
 *     broker.start();
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Fatal faults inside the broker are logged (and make {@link #isRunning()} false) instead of halting the JVM as
 * a stand-alone Kafka process would.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Name of the client listener. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    /** Name of the controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String META_PROPERTIES = "meta.properties";

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final int requestedPort;
    private final String host;
    private final String requestedClusterId;
    private final Duration startTimeout;
    private final Duration closeTimeout;
    private final Map<String, String> extraConfig;

    private final Object lock = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> fatalFault = new AtomicReference<>();

    private volatile SharedServer sharedServer;
    private volatile ControllerServer controller;
    private volatile BrokerServer broker;
    private volatile Metrics metrics;
    private volatile int boundPort = -1;
    private volatile int controllerPort = -1;
    private volatile String clusterId;

    private EmbeddedKafkaBroker(Builder b) throws IOException {
        this.temporaryDataDir = b.dataDir == null;
        this.dataDir = temporaryDataDir
                ? Files.createTempDirectory("ferstream-kafka-")
                : b.dataDir.toAbsolutePath().normalize();
        this.requestedPort = b.port;
        this.host = b.host;
        this.requestedClusterId = b.clusterId;
        this.startTimeout = b.startTimeout;
        this.closeTimeout = b.closeTimeout;
        this.extraConfig = Map.copyOf(b.brokerConfig);
    }

    /** A builder with the defaults: temporary data dir, port 9092, host {@code localhost}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if needed, starts the controller and the broker, and returns once an
     * {@link Admin} client can describe the cluster through {@link #bootstrapServers()}.
     *
     * @throws IllegalStateException when already started or closed
     * @throws EmbeddedKafkaException when the broker fails to start within the start timeout (it is then closed)
     */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("broker is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("broker already started");
        }
        long t0 = System.nanoTime();
        try {
            synchronized (lock) {
                doStart();
            }
            awaitClientsAccepted(t0);
            LOG.info("Embedded Kafka broker up at {} (cluster id {}, data dir {}) in {} ms",
                    bootstrapServers(), clusterId, dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (RuntimeException | Error e) {
            LOG.error("Embedded Kafka broker failed to start (data dir {})", dataDir, e);
            close();
            if (e instanceof Error error) {
                throw error;
            }
            throw e instanceof EmbeddedKafkaException ke ? ke
                    : new EmbeddedKafkaException("Embedded Kafka broker failed to start: " + e, e);
        }
    }

    private void doStart() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dataDir, e);
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNeeded(config);

        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> init =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[EmbeddedKafkaBroker] ");
        MetaPropertiesEnsemble ensemble = init._1();
        BootstrapMetadata bootstrapMetadata = init._2();
        clusterId = ensemble.clusterId().orElseThrow();

        Time time = Time.SYSTEM;
        metrics = Server$.MODULE$.initializeMetrics(config, time, clusterId);
        // The controller binds an ephemeral port; the (static, single-voter) quorum learns it through this future.
        CompletableFuture<Map<Integer, InetSocketAddress>> voters = new CompletableFuture<>();
        Collection<InetSocketAddress> bootstrapServers = List.of();
        sharedServer = new SharedServer(config, ensemble, time, metrics, voters, bootstrapServers,
                faultHandlerFactory(), ServerSocketFactory.INSTANCE);
        controller = new ControllerServer(sharedServer, KafkaRaftServer.configSchema(), bootstrapMetadata);
        broker = new BrokerServer(sharedServer);

        CompletableFuture<Void> controllerStarted = CompletableFuture.runAsync(controller::startup, runnable -> {
            Thread t = new Thread(runnable, "embedded-kafka-controller-startup");
            t.setDaemon(true);
            t.start();
        });
        try {
            Object first = CompletableFuture.anyOf(controller.socketServerFirstBoundPortFuture(), controllerStarted)
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof Integer)) {
                // controller.startup() returned (or failed) without binding: surface its failure
                controllerStarted.get(0, TimeUnit.MILLISECONDS);
                throw new EmbeddedKafkaException("controller started without a bound port");
            }
            controllerPort = (Integer) first;
            voters.complete(Map.of(NODE_ID, new InetSocketAddress("localhost", controllerPort)));
            controllerStarted.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while starting the controller", e);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("controller failed to start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("controller did not start within " + startTimeout, e);
        }
        broker.startup();
        boundPort = broker.boundPort(ListenerName.normalised(CLIENT_LISTENER));
    }

    private Properties brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("listeners", CLIENT_LISTENER + "://" + host + ":" + requestedPort + "," + CONTROLLER_LISTENER + "://localhost:0");
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + requestedPort);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        // Static single-voter quorum; the real controller port is handed over once the controller has bound it.
        p.put("controller.quorum.voters", NODE_ID + "@localhost:0");
        p.put("log.dirs", dataDir.toString());
        p.put("metadata.log.dir", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner (compacted topics such as _schemas) allocates this buffer on the heap; 128 MiB by default.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // A transaction's first write to a partition (transaction version 2) adds the partition on the broker; while
        // the previous transaction's markers are still being written that is answered CONCURRENT_TRANSACTIONS, and the
        // broker retries it after this backoff, 20 ms by default, holding the produce (and a Streams commit's flush)
        // meanwhile. Markers are written within a few milliseconds here, so a transactional app that commits often
        // (a micro-batch per commit) waited ~20 ms in many commits (376 waits of 10 ms or more in a 3-minute benchmark
        // run, JFR): the classifier's small-batch p99 (docs/benchmarks.md).
        p.put("add.partitions.to.txn.retry.backoff.ms", "2");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "4");
        p.putAll(extraConfig);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void formatIfNeeded(KafkaConfig config) {
        Path meta = dataDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            LOG.info("Data dir {} already formatted; reusing it", dataDir);
            return;
        }
        String id = requestedClusterId != null ? requestedClusterId : Uuid.randomUuid().toString();
        LOG.info("Formatting data dir {} with cluster id {}", dataDir, id);
        try (PrintStream out = new PrintStream(new Slf4jLineStream(), false, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(NODE_ID)
                    .setClusterId(id)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dataDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private FaultHandlerFactory faultHandlerFactory() {
        return (name, fatal, action) -> {
            FaultHandler logging = new LoggingFaultHandler(name, action);
            if (!fatal) {
                return logging;
            }
            return (message, cause) -> {
                // A stand-alone broker halts the JVM here; embedded, we record it and leave the decision to the owner.
                fatalFault.compareAndSet(null, name + ": " + message);
                LOG.error("Fatal fault in embedded Kafka broker ({}): {}", name, message, cause);
                return logging.handleFault(message, cause);
            };
        };
    }

    private void awaitClientsAccepted(long t0) {
        long deadline = t0 + startTimeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-startup-probe");
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                if (closed.get()) {
                    throw new EmbeddedKafkaException("broker closed while starting");
                }
                if (fatalFault.get() != null) {
                    throw new EmbeddedKafkaException("broker hit a fatal fault while starting: " + fatalFault.get());
                }
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(10, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while waiting for the broker", e);
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while waiting for the broker", e);
                }
            }
        }
        throw new EmbeddedKafkaException("broker did not accept clients within " + startTimeout, last);
    }

    /** {@code host:port} of the client listener; valid after {@link #start()} (and still answers after close). */
    public String bootstrapServers() {
        return host + ":" + port();
    }

    /** The port the client listener is bound to (the ephemeral one when built with port 0). */
    public int port() {
        int p = boundPort;
        if (p < 0) {
            throw new IllegalStateException("broker not started");
        }
        return p;
    }

    /** The port of the controller listener, bound on {@code localhost}. */
    public int controllerPort() {
        int p = controllerPort;
        if (p < 0) {
            throw new IllegalStateException("broker not started");
        }
        return p;
    }

    /** The cluster id stored in the data directory's {@code meta.properties}; valid after {@link #start()}. */
    public String clusterId() {
        String id = clusterId;
        if (id == null) {
            throw new IllegalStateException("broker not started");
        }
        return id;
    }

    /** The data directory (log dir and metadata log dir). */
    public Path dataDir() {
        return dataDir;
    }

    /** True between a successful {@link #start()} and {@link #close()}, while no fatal fault was reported. */
    public boolean isRunning() {
        return broker != null && boundPort >= 0 && !closed.get() && fatalFault.get() == null;
    }

    /**
     * Shuts the broker and the controller down (bounded by the close timeout, 30 s by default) and deletes the
     * data directory when it is a temporary one. Idempotent; safe on a broker that never started.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = new Thread(this::shutdownServers, "embedded-kafka-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("Embedded Kafka broker did not shut down within {}; leaving its threads behind", closeTimeout);
        }
        if (temporaryDataDir && !stopper.isAlive()) {
            deleteRecursively(dataDir);
        }
    }

    private void shutdownServers() {
        synchronized (lock) {
            BrokerServer b = broker;
            ControllerServer c = controller;
            if (b != null) {
                swallow("broker shutdown", () -> {
                    b.shutdown();
                    b.awaitShutdown();
                });
            }
            if (c != null) {
                swallow("controller shutdown", () -> {
                    c.shutdown();
                    c.awaitShutdown();
                });
            }
            Metrics m = metrics;
            if (m != null) {
                swallow("metrics close", m::close);
            }
            broker = null;
            controller = null;
            sharedServer = null;
            metrics = null;
            LOG.info("Embedded Kafka broker stopped (data dir {})", dataDir);
        }
    }

    private static void swallow(String what, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            LOG.warn("Error during {} of the embedded Kafka broker", what, t);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete temporary data dir {}", dir, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + (isRunning() ? bootstrapServers() : "not running") + ", dataDir=" + dataDir + "]";
    }

    /** Forwards the formatter's console output to SLF4J, one line at a time. */
    private static final class Slf4jLineStream extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void close() {
            flushLine();
        }

        private void flushLine() {
            if (line.length() > 0) {
                LOG.debug("[format] {}", line);
                line.setLength(0);
            }
        }
    }

    /** Builder of an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataDir;
        private int port = 9092;
        private String host = "localhost";
        private String clusterId;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** Persistent data directory (created if missing, formatted only once, never deleted). Default: a temp dir deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Client listener port; 0 picks an ephemeral port. Default 9092. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Host the client listener binds to and advertises. Default {@code localhost}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Cluster id written when the data directory is formatted (ignored for an already formatted one). Default: random. */
        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /** Any extra broker property; overrides the defaults. */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** All of the given broker properties. */
        public Builder brokerConfig(Map<String, String> config) {
            config.forEach(this::brokerConfig);
            return this;
        }

        /** Upper bound of {@link EmbeddedKafkaBroker#start()}. Default 60 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Upper bound of {@link EmbeddedKafkaBroker#close()}. Default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Builds the broker (creating the temporary data directory when none was given); does not start it. */
        public EmbeddedKafkaBroker build() {
            try {
                return new EmbeddedKafkaBroker(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary data dir", e);
            }
        }
    }
}
