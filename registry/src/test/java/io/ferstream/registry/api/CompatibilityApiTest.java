package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V1_INT_ID;
import static io.ferstream.registry.Schemas.V2;
import static io.ferstream.registry.Schemas.V3_NO_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /compatibility/subjects/{subject}/versions[/{version}][?verbose=true], and levels at registration. */
class CompatibilityApiTest extends RestApiTestBase {
    /** V2 minus "id": drops a field without default. */
    private static final String ONLY_SCORE = "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
            + "\"fields\":[{\"name\":\"score\",\"type\":\"double\",\"default\":0.0}]}";

    @Test
    void shouldAnswerCompatibleForCompatibleSchema() {
        register("faces-value", V1);

        Reply reply = client.post("/compatibility/subjects/faces-value/versions/latest", body(V2));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"is_compatible\":true}");
    }

    @Test
    void shouldAnswerIncompatibleForIncompatibleSchema() {
        register("faces-value", V1);

        Reply reply = client.post("/compatibility/subjects/faces-value/versions/1", body(V1_INT_ID));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"is_compatible\":false}");
    }

    @Test
    void shouldExplainIncompatibilityWhenVerbose() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.post("/compatibility/subjects/faces-value/versions/latest?verbose=true", body(V3_NO_DEFAULT));

        assertThat(reply.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(reply.json().get("messages").toString())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "{oldSchemaVersion: 2}", "{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldAnswerEmptyMessagesWhenVerboseAndCompatible() {
        register("faces-value", V1);

        Reply reply = client.post("/compatibility/subjects/faces-value/versions/latest?verbose=true", body(V2));

        assertThat(reply.body()).isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
    }

    @Test
    void shouldAnswerCompatibleAgainstLatestOfUnknownSubject() {
        Reply reply = client.post("/compatibility/subjects/nope/versions/latest", body(V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"is_compatible\":true}");
    }

    @Test
    void shouldAnswer40402ForUnknownVersion() {
        register("faces-value", V1);

        assertError(client.post("/compatibility/subjects/faces-value/versions/3", body(V2)), 404, 40402,
                "Version 3 not found.");
        assertError(client.post("/compatibility/subjects/nope/versions/1", body(V2)), 404, 40402, null);
    }

    @Test
    void shouldNotCompareWithSoftDeletedVersion() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/1");

        assertError(client.post("/compatibility/subjects/faces-value/versions/1", body(V2)), 404, 40402, null);
    }

    @Test
    void shouldAnswer42202ForInvalidVersion() {
        assertError(client.post("/compatibility/subjects/faces-value/versions/first", body(V1)), 422, 42202, null);
    }

    @Test
    void shouldAnswer42201ForInvalidSchema() {
        register("faces-value", V1);

        assertError(client.post("/compatibility/subjects/faces-value/versions/latest", body("{\"type\":\"rec\"}")),
                422, 42201, null);
        assertError(client.post("/compatibility/subjects/faces-value/versions/latest",
                body(V1).put("schemaType", "PROTOBUF")), 422, 42201, "Invalid schema type PROTOBUF");
    }

    @Test
    void shouldAnswerIncompatibleWithReasonForInvalidSchemaWhenVerbose() {
        register("faces-value", V1);

        Reply reply = client.post("/compatibility/subjects/faces-value/versions/latest?verbose=true",
                body("{\"type\":\"rec\"}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(reply.json().get("messages").get(0).asText()).startsWith("Invalid schema");
    }

    @Test
    void shouldCheckAgainstAllVersionsLikeRegistration() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.put("/config/faces-value", json().put("compatibility", "BACKWARD_TRANSITIVE"));

        Reply compatible = client.post("/compatibility/subjects/faces-value/versions", body(V2));
        Reply incompatible = client.post("/compatibility/subjects/faces-value/versions", body(V3_NO_DEFAULT));

        assertThat(compatible.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(incompatible.body()).isEqualTo("{\"is_compatible\":false}");
    }

    @ParameterizedTest(name = "{0}: {1} after V1 -> {2}")
    @CsvSource({
            // adding a field with default is fine every way
            "BACKWARD, V2, 200",
            "FORWARD, V2, 200",
            "FULL, V2, 200",
            // dropping a field without default: new schema can read old data, old cannot read new
            "BACKWARD, ONLY_SCORE, 200",
            "FORWARD, ONLY_SCORE, 409",
            "FULL, ONLY_SCORE, 409",
            // changing a field's type breaks everything but NONE
            "BACKWARD, V1_INT_ID, 409",
            "NONE, V1_INT_ID, 200",
    })
    void shouldApplyCompatibilityLevelOnRegistration(String level, String candidate, int expectedStatus) {
        client.put("/config", json().put("compatibility", level));
        register("faces-value", V1);

        Reply reply = client.post("/subjects/faces-value/versions", body(schema(candidate)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expectedStatus);
    }

    @Test
    void shouldCheckOnlyLatestVersionWhenNotTransitive() {
        client.put("/config", json().put("compatibility", "NONE"));
        register("faces-value", V1);
        register("faces-value", V1_INT_ID);
        client.put("/config", json().put("compatibility", "BACKWARD"));

        Reply reply = client.post("/subjects/faces-value/versions", body(
                "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
                        + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}"));

        assertThat(reply.status()).as("int -> long promotion is backward compatible with latest").isEqualTo(200);
    }

    @Test
    void shouldCheckAllVersionsWhenTransitive() {
        client.put("/config", json().put("compatibility", "NONE"));
        register("faces-value", V1);
        register("faces-value", V1_INT_ID);
        client.put("/config", json().put("compatibility", "BACKWARD_TRANSITIVE"));

        Reply reply = client.post("/subjects/faces-value/versions", body(
                "{\"type\":\"record\",\"name\":\"Face\",\"namespace\":\"io.ferstream.test\","
                        + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}"));

        assertError(reply, 409, 409, null);
        assertThat(reply.message()).contains("{oldSchemaVersion: 1}", "BACKWARD_TRANSITIVE");
    }

    @Test
    void shouldPreferSubjectLevelOverGlobalLevel() {
        client.put("/config", json().put("compatibility", "FULL"));
        client.put("/config/faces-value", json().put("compatibility", "NONE"));
        register("faces-value", V1);

        assertThat(client.post("/subjects/faces-value/versions", body(V1_INT_ID)).status()).isEqualTo(200);
    }

    private static String schema(String name) {
        switch (name) {
            case "V2": return V2;
            case "ONLY_SCORE": return ONLY_SCORE;
            case "V1_INT_ID": return V1_INT_ID;
            default: throw new IllegalArgumentException(name);
        }
    }
}
