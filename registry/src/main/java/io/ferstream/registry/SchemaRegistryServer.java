package io.ferstream.registry;

import com.sun.net.httpserver.HttpServer;
import io.ferstream.registry.api.RestApi;
import io.ferstream.registry.core.SchemaRegistry;
import io.ferstream.registry.store.InMemorySchemaStore;
import io.ferstream.registry.store.KafkaSchemaStore;
import io.ferstream.registry.store.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded Schema Registry speaking Confluent's REST API, on the JDK's HTTP server.
 *
 * <pre>{@code
 * try (SchemaRegistryServer server = SchemaRegistryServer.builder().port(0).kafkaStore(bootstrap).build()) {
 *     server.start();
 *     String url = server.url();   // http://localhost:PORT
 * }
 * }</pre>
 *
 * Single node: all writes go through this process, so there is no leader election; do not point two
 * running instances at the same topic.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_HOST = "0.0.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final String host;
    private final int requestedPort;
    private final int threads;
    private final SchemaStore store;
    private HttpServer http;
    private ExecutorService executor;
    private boolean closed;

    private SchemaRegistryServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.threads = builder.threads;
        this.store = builder.store != null ? builder.store : new InMemorySchemaStore();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the store (for Kafka: replays the topic) and starts serving.
     *
     * @throws UncheckedIOException if the port cannot be bound
     * @throws io.ferstream.registry.store.StoreException if the store cannot be loaded
     */
    public synchronized SchemaRegistryServer start() {
        if (closed) {
            throw new IllegalStateException("closed; build a new server to restart");
        }
        if (http != null) {
            return this;
        }
        try {
            store.init();
            HttpServer server = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "schema-registry-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", RestApi.router(new SchemaRegistry(store)));
            server.start();
            http = server;
        } catch (IOException e) {
            shutdown();
            throw new UncheckedIOException("Cannot bind schema registry to " + host + ":" + requestedPort, e);
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        LOG.info("Schema registry listening on {}", url());
        return this;
    }

    /** The bound port (the ephemeral one when built with {@code port(0)}), or the configured one before start. */
    public synchronized int port() {
        return http != null ? http.getAddress().getPort() : requestedPort;
    }

    /** Base URL for clients, e.g. {@code http://localhost:8081}; wildcard hosts are reported as localhost. */
    public String url() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "localhost" : host;
        return "http://" + reachable + ":" + port();
    }

    public SchemaStore store() {
        return store;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown();
        LOG.info("Schema registry stopped");
    }

    private void shutdown() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        store.close();
    }

    /** Settings for {@link SchemaRegistryServer}; defaults: 0.0.0.0:8081, in-memory store. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int threads = 8;
        private SchemaStore store;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** 0 picks a free port; see {@link SchemaRegistryServer#port()}. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port out of range: " + value);
            }
            this.port = value;
            return this;
        }

        /** HTTP worker threads; default 8. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + value);
            }
            this.threads = value;
            return this;
        }

        /** Keep schemas in memory only (tests, throw-away runs). The default. */
        public Builder inMemoryStore() {
            this.store = new InMemorySchemaStore();
            return this;
        }

        /** Keep schemas in the compacted topic {@code _schemas} on this Kafka cluster. */
        public Builder kafkaStore(String bootstrapServers) {
            return store(KafkaSchemaStore.builder(bootstrapServers).build());
        }

        /** Keep schemas in the given compacted topic on this Kafka cluster. */
        public Builder kafkaStore(String bootstrapServers, String topic) {
            return store(KafkaSchemaStore.builder(bootstrapServers).topic(topic).build());
        }

        /** Any store, e.g. a {@link KafkaSchemaStore} built with a replication factor or security settings. */
        public Builder store(SchemaStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        public SchemaRegistryServer build() {
            return new SchemaRegistryServer(this);
        }
    }
}
