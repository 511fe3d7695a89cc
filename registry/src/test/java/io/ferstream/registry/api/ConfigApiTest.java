package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ferstream.registry.Schemas.V1;
import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT/DELETE /config and /config/{subject}. */
class ConfigApiTest extends RestApiTestBase {
    private static final String INVALID_LEVEL = "Invalid compatibility level. Valid values are none, backward, "
            + "forward, full, backward_transitive, forward_transitive, and full_transitive";

    @Test
    void shouldDefaultGlobalLevelToBackward() {
        Reply reply = client.get("/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL",
            "FULL_TRANSITIVE"})
    void shouldUpdateGlobalLevelAndEchoRequest(String level) {
        Reply reply = client.put("/config", json().put("compatibility", level));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibility\":\"" + level + "\"}");
        assertThat(client.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"" + level + "\"}");
    }

    @Test
    void shouldAcceptLevelInAnyCase() {
        client.put("/config", json().put("compatibility", "full_transitive"));

        assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void shouldAnswer42203ForInvalidLevel() {
        assertError(client.put("/config", json().put("compatibility", "SIDEWAYS")), 422, 42203, INVALID_LEVEL);
        assertError(client.put("/config", json()), 422, 42203, INVALID_LEVEL);
        assertError(client.put("/config/faces-value", json().put("compatibility", "x")), 422, 42203, INVALID_LEVEL);
        assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldDeleteGlobalLevelAndAnswerPreviousOne() {
        client.put("/config", json().put("compatibility", "FULL"));

        Reply reply = client.delete("/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldAnswer40408WhenSubjectHasNoLevelOfItsOwn() {
        register("faces-value", V1);

        assertError(client.get("/config/faces-value"), 404, 40408,
                "Subject 'faces-value' does not have subject-level compatibility configured");
    }

    @Test
    void shouldFallBackToGlobalLevelWhenAsked() {
        client.put("/config", json().put("compatibility", "FORWARD"));

        Reply reply = client.get("/config/faces-value?defaultToGlobal=true");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
    }

    @Test
    void shouldSetSubjectLevelEvenBeforeSubjectExists() {
        Reply reply = client.put("/config/faces-value", json().put("compatibility", "NONE"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(client.get("/config/faces-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(client.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldDeleteSubjectLevelAndAnswerPreviousOne() {
        client.put("/config/faces-value", json().put("compatibility", "FULL"));

        Reply reply = client.delete("/config/faces-value");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertError(client.get("/config/faces-value"), 404, 40408, null);
    }

    @Test
    void shouldAnswer40401WhenDeletingLevelSubjectDoesNotHave() {
        assertError(client.delete("/config/faces-value"), 404, 40401, "Subject 'faces-value' not found.");
    }

    @Test
    void shouldRejectMissingBodyWith422() {
        assertError(client.put("/config", ""), 422, 422, null);
    }
}
