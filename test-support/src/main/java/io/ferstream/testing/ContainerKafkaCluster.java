package io.ferstream.testing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KafkaCluster} of kind {@code testcontainers}: an {@code apache/kafka} container and a Confluent
 * {@code cp-schema-registry} container on a private Docker network, the registry using the broker's in-network
 * listener. Images can be changed with {@code -Dferstream.test.kafka.image=...} and
 * {@code -Dferstream.test.schema-registry.image=...}.
 */
public final class ContainerKafkaCluster implements KafkaCluster, AutoCloseable {

    public static final String KAFKA_IMAGE_PROPERTY = "ferstream.test.kafka.image";
    public static final String REGISTRY_IMAGE_PROPERTY = "ferstream.test.schema-registry.image";
    public static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.1.0";
    public static final String DEFAULT_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.5";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafkaCluster.class);
    private static final String KAFKA_ALIAS = "kafka";
    private static final String INTERNAL_LISTENER = KAFKA_ALIAS + ":19092";
    private static final int REGISTRY_PORT = 8081;

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final String bootstrapServers;
    private final String registryUrl;

    private ContainerKafkaCluster(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
        this.bootstrapServers = kafka.getBootstrapServers();
        this.registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    /** Starts both containers (pulling images if needed); the caller closes the cluster. Needs a Docker engine. */
    public static ContainerKafkaCluster start() {
        long t0 = System.nanoTime();
        String kafkaImage = System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE);
        String registryImage = System.getProperty(REGISTRY_IMAGE_PROPERTY, DEFAULT_REGISTRY_IMAGE);
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(kafkaImage))
                .withNetwork(network)
                .withNetworkAliases(KAFKA_ALIAS)
                .withListener(INTERNAL_LISTENER)
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                // as the embedded broker has it (EmbeddedKafkaBroker): apps that commit a transaction per micro-batch
                // otherwise wait ~20 ms in many commits for the broker's retry of adding a partition
                .withEnv("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS", "2");
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(registryImage))
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + INTERNAL_LISTENER)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        try {
            kafka.start();
            registry.start();
            ContainerKafkaCluster cluster = new ContainerKafkaCluster(network, kafka, registry);
            LOG.info("Testcontainers cluster up in {} ms: Kafka {} ({}), Schema Registry {} ({})",
                    (System.nanoTime() - t0) / 1_000_000, cluster.bootstrapServers, kafkaImage, cluster.registryUrl, registryImage);
            return cluster;
        } catch (RuntimeException | Error e) {
            stopQuietly(registry, kafka, network);
            throw new IllegalStateException("cannot start the Testcontainers Kafka cluster (" + kafkaImage + ", "
                    + registryImage + "): " + e, e);
        }
    }

    @Override
    public String name() {
        return ClusterKind.TESTCONTAINERS.label();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String schemaRegistryUrl() {
        return registryUrl;
    }

    @Override
    public void close() {
        stopQuietly(registry, kafka, network);
    }

    private static void stopQuietly(GenericContainer<?> registry, KafkaContainer kafka, Network network) {
        for (AutoCloseable c : new AutoCloseable[] {registry::stop, kafka::stop, network::close}) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Error stopping a Testcontainers resource", e);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[testcontainers, " + bootstrapServers + ", " + registryUrl + "]";
    }
}
