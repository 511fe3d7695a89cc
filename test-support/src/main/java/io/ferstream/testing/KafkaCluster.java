package io.ferstream.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/**
 * A running Kafka cluster plus Schema Registry handed to tests, whichever way it runs ({@link #name()}).
 * Clusters are shared between tests: always work on topics named with {@link #uniqueTopic(String)}.
 */
public interface KafkaCluster {

    /** {@code "embedded"} or {@code "testcontainers"}. */
    String name();

    /** Bootstrap servers reachable from this JVM. */
    String bootstrapServers();

    /** Base URL of the Confluent-compatible Schema Registry, e.g. {@code http://localhost:34567} (no trailing slash). */
    String schemaRegistryUrl();

    /** The common client settings (at least {@code bootstrap.servers}); a new mutable map. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** {@link #clientConfig()} plus {@code acks=all} and idempotence; add serializers yourself. A new mutable map. */
    default Map<String, Object> producerConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /**
     * {@link #clientConfig()} plus the group id, {@code auto.offset.reset=earliest}, {@code isolation.level=read_committed},
     * no topic auto-creation; add deserializers yourself. A new mutable map.
     */
    default Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = clientConfig();
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /** A new {@link Admin} client on this cluster; the caller closes it. */
    default Admin admin() {
        return Admin.create(clientConfig());
    }

    /** {@code prefix-<random>}: a topic name no other test uses. */
    default String uniqueTopic(String prefix) {
        String p = (prefix == null || prefix.isBlank()) ? "test" : prefix.replaceAll("[^a-zA-Z0-9._-]", "_");
        return p + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Creates a topic (replication factor 1) with the given topic configs and waits until every partition has a
     * leader. An already existing topic is left as it is.
     */
    default void createTopic(String topic, int partitions, Map<String, String> config) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1).configs(config == null ? Map.of() : config)))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic + " on " + name() + ": " + e.getCause(), e.getCause());
                }
            }
            Awaitility.await("partitions of " + topic + " have leaders")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .pollInSameThread()
                    .ignoreExceptions()
                    .until(() -> {
                        TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
                        return d != null && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** {@link #createTopic(String, int, Map)} without topic configs. */
    default void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of());
    }

    /**
     * A reader of {@code topic} from its beginning with {@code read_committed} isolation and no consumer group, whose
     * {@link RecordCollector#poll()} can be called repeatedly from Awaitility conditions. The caller closes it.
     */
    default <K, V> RecordCollector<K, V> collector(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return new RecordCollector<>(consumerConfig(null), topic, keyDeserializer, valueDeserializer);
    }

    /**
     * Reads {@code topic} from its beginning ({@code read_committed}) until at least {@code count} records have
     * arrived, waiting at most {@code timeout} (Awaitility's {@code ConditionTimeoutException} otherwise).
     *
     * @return every record read, in partition order (at least {@code count})
     */
    default <K, V> List<ConsumerRecord<K, V>> consumeUntil(String topic, int count, Duration timeout,
                                                          Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        try (RecordCollector<K, V> collector = collector(topic, keyDeserializer, valueDeserializer)) {
            return collector.awaitAtLeast(count, timeout);
        }
    }

    /** {@link #consumeUntil(String, int, Duration, Deserializer, Deserializer)} with raw bytes. */
    default List<ConsumerRecord<byte[], byte[]>> consumeUntil(String topic, int count, Duration timeout) {
        return consumeUntil(topic, count, timeout, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The values of {@code records}, in order. */
    static <V> List<V> values(Collection<? extends ConsumerRecord<?, V>> records) {
        List<V> values = new ArrayList<>(records.size());
        records.forEach(r -> values.add(r.value()));
        return values;
    }
}
