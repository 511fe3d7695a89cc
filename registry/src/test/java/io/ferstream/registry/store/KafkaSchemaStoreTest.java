package io.ferstream.registry.store;

import io.ferstream.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka store behaviour that needs no broker. */
class KafkaSchemaStoreTest {

    @Test
    void shouldFailStartWithStoreErrorWhenKafkaIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaSchemaStore store = KafkaSchemaStore.builder("localhost:" + closedPort)
                .timeout(Duration.ofSeconds(2)).build();
        SchemaRegistryServer server = SchemaRegistryServer.builder().host("localhost").port(0).store(store).build();

        long started = System.nanoTime();
        assertThatThrownBy(server::start).isInstanceOf(StoreException.class).hasMessageContaining("Cannot check topic");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        server.close();
    }

    @Test
    void shouldRefuseWritesBeforeInit() {
        KafkaSchemaStore store = KafkaSchemaStore.builder("localhost:9092").build();

        assertThatThrownBy(() -> store.put(new StoreKey.ConfigKey(null), null)).isInstanceOf(StoreException.class);
        store.close();
    }

    @Test
    void shouldDefaultToConfluentTopicName() {
        assertThat(KafkaSchemaStore.builder("localhost:9092").build().topic()).isEqualTo("_schemas");
        assertThatThrownBy(() -> KafkaSchemaStore.builder("x").replicationFactor(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
