package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.RegistryClient;
import io.ferstream.registry.RegistryClient.Reply;
import io.ferstream.registry.SchemaRegistryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh in-memory registry per test: each test sees an empty registry with default config. */
abstract class RestApiTestBase {
    protected SchemaRegistryServer server;
    protected RegistryClient client;

    @BeforeEach
    void startRegistry() {
        server = SchemaRegistryServer.builder().host("localhost").port(0).inMemoryStore().build().start();
        client = new RegistryClient(server.url());
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    protected int register(String subject, String schema) {
        return client.register(subject, schema);
    }

    protected static ObjectNode body(String schema) {
        return RegistryClient.schemaBody(schema);
    }

    protected static ObjectNode json() {
        return RegistryClient.MAPPER.createObjectNode();
    }

    /** Asserts a Confluent error: HTTP status, error_code, and message (when given). */
    static void assertError(Reply reply, int status, int errorCode, String message) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.errorCode()).as("error_code of %s", reply).isEqualTo(errorCode);
        assertThat(reply.contentType()).isEqualTo(RegistryClient.V1_JSON);
        if (message != null) {
            assertThat(reply.message()).isEqualTo(message);
        }
    }
}
