package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient;
import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;

import static io.ferstream.registry.Schemas.V1;
import static org.assertj.core.api.Assertions.assertThat;

/** Content types, unknown paths and methods: the answers Confluent's Jersey stack gives. */
class HttpProtocolApiTest extends RestApiTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/json; charset=utf-8", "application/octet-stream"})
    void shouldAcceptConfluentRequestContentTypes(String contentType) {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/subjects/faces-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body(V1).toString()))
                .header("Content-Type", contentType));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(RegistryClient.V1_JSON);
    }

    @Test
    void shouldAnswer415ForUnsupportedContentType() {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/subjects/faces-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body(V1).toString()))
                .header("Content-Type", "text/plain"));

        assertError(reply, 415, 415, "HTTP 415 Unsupported Media Type");
    }

    @Test
    void shouldAnswer406WhenNoAcceptableResponseType() {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/subjects")).GET().header("Accept", "text/html"));

        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.json().get("error_code").asInt()).isEqualTo(406);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "application/vnd.schemaregistry.v1+json",
            "application/json, application/vnd.schemaregistry.v1+json"})
    void shouldPreferVersionedResponseType(String accept) {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/subjects")).GET().header("Accept", accept));

        assertThat(reply.contentType()).isEqualTo(RegistryClient.V1_JSON);
    }

    @Test
    void shouldAnswerPlainJsonToClientsThatOnlyAcceptJson() {
        Reply reply = client.send(HttpRequest.newBuilder(client.uri("/subjects")).GET()
                .header("Accept", "application/json"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
    }

    @Test
    void shouldAnswer404ForUnknownPath() {
        assertError(client.get("/nothing/here"), 404, 404, "HTTP 404 Not Found");
    }

    @Test
    void shouldAnswer405ForWrongMethod() {
        assertError(client.put("/subjects", body(V1)), 405, 405, "HTTP 405 Method Not Allowed");
        assertError(client.delete("/schemas/ids/1"), 405, 405, "HTTP 405 Method Not Allowed");
    }

    @Test
    void shouldIgnoreUnknownRequestFields() {
        Reply reply = client.post("/subjects/faces-value/versions", body(V1).put("metadata", "whatever"));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer422ForSchemaThatIsNotAString() {
        Reply reply = client.post("/subjects/faces-value/versions", json().set("schema", json()));

        assertError(reply, 422, 422, null);
    }
}
