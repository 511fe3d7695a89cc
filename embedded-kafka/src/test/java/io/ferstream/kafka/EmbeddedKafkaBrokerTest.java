package io.ferstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Tag("integration")
class EmbeddedKafkaBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerTest.class);

    private final List<EmbeddedKafkaBroker> toClose = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void closeBrokers() {
        toClose.forEach(EmbeddedKafkaBroker::close);
    }

    @Test
    void shouldProduceAndConsumeRecords() throws Exception {
        EmbeddedKafkaBroker broker = startBroker(EmbeddedKafkaBroker.builder().port(0));
        String topic = uniqueTopic("roundtrip");
        createTopic(broker, topic, 2);

        produce(broker, topic, List.of("a", "b", "c"));

        assertThat(consume(broker, topic, 3, "read_uncommitted")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
        assertThat(broker.isRunning()).isTrue();
    }

    @Test
    void shouldKeepTopicsAndRecordsAcrossRestartOnTheSameDataDir() throws Exception {
        Path dataDir = tmp.resolve("kafka-data");
        String topic = uniqueTopic("restart");

        EmbeddedKafkaBroker first = startBroker(EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0));
        String clusterId = first.clusterId();
        createTopic(first, topic, 1);
        produce(first, topic, List.of("before-1", "before-2"));
        first.close();
        assertThat(dataDir.resolve("meta.properties")).exists();

        EmbeddedKafkaBroker second = startBroker(EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0));

        assertThat(second.clusterId()).isEqualTo(clusterId);
        try (Admin admin = admin(second)) {
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
        produce(second, topic, List.of("after"));
        assertThat(consume(second, topic, 3, "read_uncommitted")).containsExactly("before-1", "before-2", "after");
        second.close();
        assertThat(dataDir).isDirectory();
    }

    @Test
    void shouldShowCommittedAndHideAbortedTransactionsToReadCommittedConsumers() throws Exception {
        EmbeddedKafkaBroker broker = startBroker(EmbeddedKafkaBroker.builder().port(0));
        String topic = uniqueTopic("tx");
        createTopic(broker, topic, 1);

        Properties props = producerProps(broker);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
            producer.commitTransaction();
        }

        List<String> readCommitted = consume(broker, topic, 3, "read_committed");
        assertThat(readCommitted).containsExactly("committed-1", "committed-2", "committed-3");
        List<String> readUncommitted = consume(broker, topic, 4, "read_uncommitted");
        assertThat(readUncommitted).contains("aborted");
    }

    @Test
    void shouldRetryAddingPartitionsToATransactionAfterTwoMillisecondsUnlessConfiguredOtherwise() throws Exception {
        EmbeddedKafkaBroker defaults = startBroker(EmbeddedKafkaBroker.builder().port(0));
        EmbeddedKafkaBroker configured = startBroker(EmbeddedKafkaBroker.builder().port(0)
                .brokerConfig(ADD_PARTITIONS_BACKOFF, "7"));

        assertThat(brokerConfig(defaults, ADD_PARTITIONS_BACKOFF)).isEqualTo("2");
        assertThat(brokerConfig(configured, ADD_PARTITIONS_BACKOFF)).isEqualTo("7");
    }

    @Test
    void shouldCloseIdempotentlyAndDeleteTheTemporaryDataDir() {
        EmbeddedKafkaBroker broker = startBroker(EmbeddedKafkaBroker.builder().port(0));
        Path dataDir = broker.dataDir();
        assertThat(dataDir).isDirectory();

        broker.close();
        assertThatCode(broker::close).doesNotThrowAnyException();

        assertThat(Files.exists(dataDir)).isFalse();
        assertThat(broker.isRunning()).isFalse();
        // nothing left that would keep a JVM (e.g. the CLI) alive
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.isAlive() && !t.isDaemon())
                .extracting(Thread::getName)
                .noneMatch(n -> n.matches("(?i).*(kafka|raft|quorum|broker|controller|reaper|scheduler|data-plane).*"));
    }

    @Test
    void shouldCloseABrokerThatNeverStarted() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();
        assertThatCode(broker::close).doesNotThrowAnyException();
        assertThatCode(broker::close).doesNotThrowAnyException();
    }

    // ----------------------------------------------------------------------------------------------------------

    private EmbeddedKafkaBroker startBroker(EmbeddedKafkaBroker.Builder builder) {
        EmbeddedKafkaBroker broker = builder.build();
        toClose.add(broker);
        long t0 = System.nanoTime();
        broker.start();
        LOG.info("broker start took {} ms", (System.nanoTime() - t0) / 1_000_000);
        return broker;
    }

    private static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static final String ADD_PARTITIONS_BACKOFF = "add.partitions.to.txn.retry.backoff.ms";

    /** The broker's own value of a config, as it reports it to clients. */
    private static String brokerConfig(EmbeddedKafkaBroker broker, String key) throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        try (Admin admin = admin(broker)) {
            return admin.describeConfigs(List.of(node)).all().get().get(node).get(key).value();
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static Properties producerProps(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v)).get();
            }
        }
    }

    private static List<String> consume(EmbeddedKafkaBroker broker, String topic, int expected, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
            // one more poll: nothing beyond the expected records
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
