package io.ferstream.registry.store;

import io.ferstream.kafka.EmbeddedKafkaBroker;
import io.ferstream.registry.RegistryClient;
import io.ferstream.registry.SchemaRegistryServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ferstream.registry.Schemas.OTHER;
import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Kafka-backed store against a real single-node broker. */
@Tag("integration")
class KafkaSchemaStoreIntegrationTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker(@TempDir Path dataDir) {
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0)
                // Let the log cleaner run promptly so compaction can be observed.
                .brokerConfig("log.cleaner.backoff.ms", "100")
                .build();
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldKeepIdsVersionsDeletesConfigAndModeAcrossRegistryRestart() {
        String topic = uniqueTopic();
        int faces1;
        int faces2;
        int other;
        try (SchemaRegistryServer first = start(broker.bootstrapServers(), topic)) {
            RegistryClient client = new RegistryClient(first.url());
            faces1 = client.register("faces-value", V1);
            faces2 = client.register("faces-value", V2);
            other = client.register("other-value", OTHER);
            assertThat(client.register("copy-value", V1)).isEqualTo(faces1);
            client.register("gone-value", OTHER);
            client.register("purged-value", "\"string\"");
            client.put("/config", RegistryClient.MAPPER.createObjectNode().put("compatibility", "FORWARD"));
            client.put("/config/faces-value", RegistryClient.MAPPER.createObjectNode().put("compatibility", "NONE"));
            client.put("/mode/other-value", RegistryClient.MAPPER.createObjectNode().put("mode", "READONLY"));
            assertThat(client.delete("/subjects/faces-value/versions/1").status()).isEqualTo(200);
            assertThat(client.delete("/subjects/gone-value").status()).isEqualTo(200);
            assertThat(client.delete("/subjects/purged-value").status()).isEqualTo(200);
            assertThat(client.delete("/subjects/purged-value?permanent=true").status()).isEqualTo(200);
        }

        try (SchemaRegistryServer second = start(broker.bootstrapServers(), topic)) {
            RegistryClient client = new RegistryClient(second.url());
            assertThat(client.get("/subjects").body()).isEqualTo("[\"copy-value\",\"faces-value\",\"other-value\"]");
            assertThat(client.get("/subjects?deleted=true").body())
                    .isEqualTo("[\"copy-value\",\"faces-value\",\"gone-value\",\"other-value\"]");
            assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[2]");
            assertThat(client.get("/subjects/faces-value/versions?deleted=true").body()).isEqualTo("[1,2]");
            assertThat(client.get("/subjects/faces-value/versions/2").json().get("id").asInt()).isEqualTo(faces2);
            assertThat(client.get("/schemas/ids/" + faces1).json().get("schema").asText()).isEqualTo(V1);
            assertThat(client.get("/schemas/ids/" + other + "/subjects?deleted=true").body())
                    .isEqualTo("[\"gone-value\",\"other-value\"]");
            assertThat(client.get("/subjects/purged-value/versions?deleted=true").status()).isEqualTo(404);
            assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
            assertThat(client.get("/config/faces-value").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
            assertThat(client.get("/mode/other-value").json().get("mode").asText()).isEqualTo("READONLY");

            // Same schema: same id. New schema: an id never handed out before, even the purged one's.
            assertThat(client.register("faces-value", V2)).isEqualTo(faces2);
            int fresh = client.register("new-value", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}");
            assertThat(fresh).isGreaterThan(Math.max(Math.max(faces1, faces2), other) + 1);
            client.put("/config/faces-value", RegistryClient.MAPPER.createObjectNode().put("compatibility", "NONE"));
            client.register("faces-value", "\"bytes\"");
            assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[2,3]");
        }
    }

    @Test
    void shouldKeepSchemasAcrossBrokerRestart(@TempDir Path dataDir) {
        String topic = uniqueTopic();
        int id;
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0).build()) {
            own.start();
            try (SchemaRegistryServer registry = start(own.bootstrapServers(), topic)) {
                id = new RegistryClient(registry.url()).register("faces-value", V1);
            }
        }
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0).build()) {
            restarted.start();
            try (SchemaRegistryServer registry = start(restarted.bootstrapServers(), topic)) {
                RegistryClient client = new RegistryClient(registry.url());
                assertThat(client.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo(V1);
                assertThat(client.register("faces-value", V2)).isEqualTo(id + 1);
            }
        }
    }

    @Test
    void shouldCreateSinglePartitionCompactedTopic() throws Exception {
        String topic = uniqueTopic();
        try (SchemaRegistryServer registry = start(broker.bootstrapServers(), topic);
             Admin admin = admin()) {
            new RegistryClient(registry.url()).register("faces-value", V1);

            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldStoreRecordsInConfluentLayout() {
        String topic = uniqueTopic();
        try (SchemaRegistryServer registry = start(broker.bootstrapServers(), topic)) {
            RegistryClient client = new RegistryClient(registry.url());
            int id = client.register("faces-value", V1);
            client.delete("/subjects/faces-value");
            client.delete("/subjects/faces-value?permanent=true");

            List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);

            assertThat(records).hasSize(3);
            assertThat(new String(records.get(0).key()))
                    .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"faces-value\",\"version\":1,\"magic\":1}");
            assertThat(new String(records.get(0).value())).isEqualTo("{\"subject\":\"faces-value\",\"version\":1,\"id\":"
                    + id + ",\"schema\":" + RegistryClient.MAPPER.getNodeFactory().textNode(V1) + ",\"deleted\":false}");
            assertThat(new String(records.get(1).value())).endsWith("\"deleted\":true}");
            assertThat(records.get(2).key()).isEqualTo(records.get(0).key());
            assertThat(records.get(2).value()).as("hard delete is a tombstone").isNull();
        }
    }

    @Test
    void shouldRefuseTopicThatIsNotCompacted() throws Exception {
        String topic = uniqueTopic();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        SchemaRegistryServer registry = SchemaRegistryServer.builder().host("localhost").port(0)
                .kafkaStore(broker.bootstrapServers(), topic).build();

        assertThatThrownBy(registry::start).isInstanceOf(StoreException.class).hasMessageContaining("cleanup.policy");
        registry.close();
    }

    @Test
    void shouldRebuildSameStateFromCompactedTopic() throws Exception {
        String topic = uniqueTopic();
        try (Admin admin = admin()) {
            // Tiny segments and no dirty-ratio threshold: the cleaner compacts as soon as a segment rolls.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact",
                    "segment.ms", "100",
                    "min.cleanable.dirty.ratio", "0.0001",
                    "delete.retention.ms", "100",
                    "min.compaction.lag.ms", "0")))).all().get();
        }
        String[] levels = {"FULL", "FORWARD", "NONE", "BACKWARD_TRANSITIVE"};
        int id;
        try (SchemaRegistryServer registry = start(broker.bootstrapServers(), topic)) {
            RegistryClient client = new RegistryClient(registry.url());
            id = client.register("faces-value", V1);
            for (int i = 0; i < 40; i++) {
                client.put("/config", RegistryClient.MAPPER.createObjectNode().put("compatibility", levels[i % 4]));
            }
            // Each further write lands in a new segment once segment.ms has passed, which makes the
            // earlier ones eligible for cleaning; wait until the cleaner has dropped the overwritten keys.
            AtomicInteger writes = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                client.put("/config", RegistryClient.MAPPER.createObjectNode()
                        .put("compatibility", levels[writes.incrementAndGet() % 4]));
                assertThat(readAll(topic).size()).isLessThan(20);
            });
            client.put("/config", RegistryClient.MAPPER.createObjectNode().put("compatibility", "FULL_TRANSITIVE"));
        }

        try (SchemaRegistryServer registry = start(broker.bootstrapServers(), topic)) {
            RegistryClient client = new RegistryClient(registry.url());
            assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
            assertThat(client.get("/subjects/faces-value/versions/1").json().get("id").asInt()).isEqualTo(id);
        }
    }

    private static SchemaRegistryServer start(String bootstrapServers, String topic) {
        return SchemaRegistryServer.builder().host("localhost").port(0)
                .kafkaStore(bootstrapServers, topic).build().start();
    }

    private static String uniqueTopic() {
        return "_schemas-" + UUID.randomUUID();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
