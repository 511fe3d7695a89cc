package io.ferstream.registry;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryServerTest {

    @Test
    void shouldDefaultToPort8081OnAllInterfacesWithLocalhostUrl() {
        SchemaRegistryServer server = SchemaRegistryServer.builder().build();

        assertThat(server.port()).isEqualTo(8081);
        assertThat(server.url()).isEqualTo("http://localhost:8081");
        server.close();
    }

    @Test
    void shouldServeOnEphemeralPortUntilClosed() {
        SchemaRegistryServer server = SchemaRegistryServer.builder().port(0).inMemoryStore().build();
        server.start();
        RegistryClient client = new RegistryClient(server.url());

        assertThat(client.register("faces-value", Schemas.V1)).isEqualTo(1);
        server.close();

        assertThatThrownBy(() -> client.get("/subjects")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldTreatSecondStartAsNoOp() {
        try (SchemaRegistryServer server = SchemaRegistryServer.builder().host("localhost").port(0).build()) {
            int port = server.start().port();

            assertThat(server.start().port()).isEqualTo(port);
        }
    }

    @Test
    void shouldFailToStartOnPortInUse() {
        try (SchemaRegistryServer first = SchemaRegistryServer.builder().host("localhost").port(0).build().start()) {
            SchemaRegistryServer second = SchemaRegistryServer.builder().host("localhost").port(first.port()).build();

            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(first.port()));
            second.close();
        }
    }
}
