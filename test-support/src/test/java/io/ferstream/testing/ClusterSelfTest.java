package io.ferstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs against both cluster kinds: the same assertions must hold for Testcontainers and the embedded cluster. */
class ClusterSelfTest {

    private static final String SCHEMA_JSON = """
            {"type":"record","name":"Ping","namespace":"io.ferstream.test","fields":[{"name":"id","type":"string"}]}""";

    @ClusterTest
    void shouldProduceConsumeAndRegisterASchema(KafkaCluster cluster, ClusterKind kind) throws Exception {
        assertThat(cluster.name()).isEqualTo(kind.label());
        String topic = cluster.uniqueTopic("self-test");
        cluster.createTopic(topic, 2, Map.of("retention.ms", "600000"));

        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k1", "hello")).get();
            producer.send(new ProducerRecord<>(topic, "k2", "world")).get();
        }
        List<ConsumerRecord<String, String>> records =
                cluster.consumeUntil(topic, 2, Duration.ofSeconds(30), new StringDeserializer(), new StringDeserializer());
        assertThat(KafkaCluster.values(records)).containsExactlyInAnyOrder("hello", "world");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String subject = topic + "-value";
        String body = "{\"schema\":" + jsonString(SCHEMA_JSON) + "}";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(cluster.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\\s*\"id\"\\s*:\\s*\\d+\\s*}");

        HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(cluster.schemaRegistryUrl() + "/subjects"))
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains("\"" + subject + "\"");
    }

    @ClusterTest
    void shouldHideAbortedTransactionsFromConsumeUntil(KafkaCluster cluster) throws Exception {
        String topic = cluster.uniqueTopic("self-test-tx");
        cluster.createTopic(topic, 1);
        Map<String, Object> config = cluster.producerConfig();
        config.put("transactional.id", cluster.uniqueTopic("tx"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records =
                cluster.consumeUntil(topic, 1, Duration.ofSeconds(30), new StringDeserializer(), new StringDeserializer());
        assertThat(KafkaCluster.values(records)).containsExactly("committed");
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
