package io.ferstream.testing;

import io.ferstream.kafka.EmbeddedKafkaBroker;
import io.ferstream.registry.SchemaRegistryServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KafkaCluster} of kind {@code embedded}: the in-JVM KRaft broker (temporary data dir, ephemeral port) and
 * the embedded Schema Registry on an ephemeral port, storing its schemas in that broker.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final String bootstrapServers;
    private final String registryUrl;

    private EmbeddedKafkaCluster(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
        this.bootstrapServers = broker.bootstrapServers();
        this.registryUrl = stripTrailingSlash(registry.url());
    }

    /** Starts a broker and a registry; the caller closes the cluster. */
    public static EmbeddedKafkaCluster start() {
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).build();
        SchemaRegistryServer registry = null;
        try {
            broker.start();
            registry = SchemaRegistryServer.builder().port(0).kafkaStore(broker.bootstrapServers()).build();
            registry.start();
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(broker, registry);
            LOG.info("Embedded cluster up in {} ms: Kafka {}, Schema Registry {}",
                    (System.nanoTime() - t0) / 1_000_000, cluster.bootstrapServers, cluster.registryUrl);
            return cluster;
        } catch (Exception | Error e) {
            closeQuietly(registry);
            broker.close();
            throw new IllegalStateException("cannot start the embedded Kafka cluster: " + e, e);
        }
    }

    @Override
    public String name() {
        return ClusterKind.EMBEDDED.label();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String schemaRegistryUrl() {
        return registryUrl;
    }

    /** The underlying broker (e.g. for its data dir). */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        closeQuietly(registry);
        broker.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Error closing {}", c, e);
        }
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "KafkaCluster[embedded, " + bootstrapServers + ", " + registryUrl + "]";
    }
}
