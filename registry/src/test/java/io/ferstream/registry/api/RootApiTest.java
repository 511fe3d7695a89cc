package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient;
import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RootApiTest extends RestApiTestBase {

    @Test
    void shouldAnswerRootWithEmptyObject() {
        Reply reply = client.get("/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(RegistryClient.V1_JSON);
        assertThat(reply.body()).isEqualTo("{}");
    }

    @Test
    void shouldListOnlyAvroAsSchemaType() {
        Reply reply = client.get("/schemas/types");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldReportBoundPortInUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://localhost:" + server.port());
    }
}
