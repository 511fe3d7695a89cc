package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

import static io.ferstream.registry.Schemas.OTHER;
import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V2;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /schemas, /schemas/ids/{id}[/schema|/subjects|/versions]. */
class SchemasApiTest extends RestApiTestBase {

    @Test
    void shouldGetSchemaById() {
        int id = register("faces-value", V1);

        Reply reply = client.get("/schemas/ids/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"schema\":" + reply.json().get("schema").toString() + "}");
        assertThat(reply.json().get("schema").asText()).isEqualTo(V1);
    }

    @Test
    void shouldAnswer40403ForUnknownId() {
        assertError(client.get("/schemas/ids/42"), 404, 40403, "Schema 42 not found");
        assertError(client.get("/schemas/ids/42/schema"), 404, 40403, "Schema 42 not found");
        assertError(client.get("/schemas/ids/42/subjects"), 404, 40403, "Schema not found");
        assertError(client.get("/schemas/ids/42/versions"), 404, 40403, "Schema not found");
    }

    @Test
    void shouldAnswerPlain404ForNonNumericId() {
        assertError(client.get("/schemas/ids/abc"), 404, 404, "HTTP 404 Not Found");
    }

    @Test
    void shouldGetRawSchemaById() {
        int id = register("faces-value", V1);

        Reply reply = client.get("/schemas/ids/" + id + "/schema");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(V1);
    }

    @Test
    void shouldListSubjectsUsingId() {
        int id = register("faces-value", V1);
        register("copy-value", V1);
        register("gone-value", V1);
        client.delete("/subjects/gone-value");

        assertThat(client.get("/schemas/ids/" + id + "/subjects").body())
                .isEqualTo("[\"copy-value\",\"faces-value\"]");
        assertThat(client.get("/schemas/ids/" + id + "/subjects?deleted=true").body())
                .isEqualTo("[\"copy-value\",\"faces-value\",\"gone-value\"]");
    }

    @Test
    void shouldListSubjectVersionsUsingId() {
        register("faces-value", OTHER);
        client.put("/config/faces-value", json().put("compatibility", "NONE"));
        int id = register("faces-value", V1);
        register("copy-value", V1);

        Reply reply = client.get("/schemas/ids/" + id + "/versions");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(
                "[{\"subject\":\"copy-value\",\"version\":1},{\"subject\":\"faces-value\",\"version\":2}]");
    }

    @Test
    void shouldListSchemasWithFilters() {
        register("faces-value", V1);
        register("faces-value", V2);
        register("other-value", OTHER);

        JsonNode all = client.get("/schemas").json();
        JsonNode latest = client.get("/schemas?subjectPrefix=faces&latestOnly=true").json();
        JsonNode page = client.get("/schemas?offset=1&limit=1").json();

        assertThat(all).hasSize(3);
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(page).hasSize(1);
        assertThat(page.get(0).get("version").asInt()).isEqualTo(2);
    }
}
