package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

import static io.ferstream.registry.Schemas.OTHER;
import static io.ferstream.registry.Schemas.V1;
import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT /mode and GET/PUT/DELETE /mode/{subject}. */
class ModeApiTest extends RestApiTestBase {

    @Test
    void shouldDefaultToReadWrite() {
        Reply reply = client.get("/mode");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"mode\":\"READWRITE\"}");
    }

    @Test
    void shouldRefuseWritesInReadOnlyModeWith42205() {
        int id = register("faces-value", V1);

        Reply put = client.put("/mode", json().put("mode", "READONLY"));

        assertThat(put.body()).isEqualTo("{\"mode\":\"READONLY\"}");
        assertError(client.post("/subjects/faces-value/versions", body(OTHER)), 422, 42205,
                "Subject faces-value is in read-only mode");
        assertError(client.delete("/subjects/faces-value"), 422, 42205, null);
        assertError(client.delete("/subjects/faces-value/versions/1"), 422, 42205, null);
        // Reads and re-registering a known schema still work.
        assertThat(client.register("faces-value", V1)).isEqualTo(id);
        assertThat(client.get("/schemas/ids/" + id).status()).isEqualTo(200);
    }

    @Test
    void shouldApplySubjectModeOverGlobalMode() {
        client.put("/mode/faces-value", json().put("mode", "READONLY"));

        assertError(client.post("/subjects/faces-value/versions", body(V1)), 422, 42205, null);
        assertThat(client.post("/subjects/other-value/versions", body(OTHER)).status()).isEqualTo(200);
        assertThat(client.get("/mode/faces-value").body()).isEqualTo("{\"mode\":\"READONLY\"}");
    }

    @Test
    void shouldAnswer40409WhenSubjectHasNoModeOfItsOwn() {
        assertError(client.get("/mode/faces-value"), 404, 40409,
                "Subject 'faces-value' does not have subject-level mode configured");
        assertThat(client.get("/mode/faces-value?defaultToGlobal=true").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
    }

    @Test
    void shouldDeleteSubjectMode() {
        client.put("/mode/faces-value", json().put("mode", "READONLY"));

        Reply reply = client.delete("/mode/faces-value");

        assertThat(reply.body()).isEqualTo("{\"mode\":\"READONLY\"}");
        assertThat(client.post("/subjects/faces-value/versions", body(V1)).status()).isEqualTo(200);
    }

    @Test
    void shouldRejectUnsupportedModesWith42204() {
        assertError(client.put("/mode", json().put("mode", "IMPORT")), 422, 42204, null);
        assertError(client.put("/mode", json().put("mode", "banana")), 422, 42204, null);
        assertThat(client.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
    }
}
