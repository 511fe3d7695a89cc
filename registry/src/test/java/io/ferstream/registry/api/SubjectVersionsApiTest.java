package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ferstream.registry.Schemas.OTHER;
import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V1_INT_ID;
import static io.ferstream.registry.Schemas.V1_SPACED;
import static io.ferstream.registry.Schemas.V2;
import static io.ferstream.registry.Schemas.V3_NO_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

/** POST/GET/DELETE /subjects/{subject}/versions[/{version}[/schema|/referencedby]]. */
class SubjectVersionsApiTest extends RestApiTestBase {

    @Test
    void shouldRegisterSchemaAndAnswerItsId() {
        Reply reply = client.post("/subjects/faces-value/versions", body(V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"id\":1}");
    }

    @Test
    void shouldAnswerSameIdAndKeepOneVersionWhenSameSchemaIsRegisteredAgain() {
        int first = register("faces-value", V1);
        int second = register("faces-value", V1);

        assertThat(second).isEqualTo(first);
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldTreatWhitespaceDifferencesAsTheSameSchema() {
        int first = register("faces-value", V1);

        assertThat(register("faces-value", V1_SPACED)).isEqualTo(first);
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1]");
        assertThat(client.get("/subjects/faces-value/versions/1").json().get("schema").asText()).isEqualTo(V1);
    }

    @Test
    void shouldGiveTheSameIdToTheSameSchemaUnderAnotherSubject() {
        int first = register("faces-value", V1);
        register("other-value", OTHER);

        int second = register("faces-copy-value", V1);

        assertThat(second).isEqualTo(first);
        assertThat(client.get("/subjects/faces-copy-value/versions/1").json().get("id").asInt()).isEqualTo(first);
    }

    @Test
    void shouldAssignNextVersionAndNewIdToAnEvolvedSchema() {
        int v1 = register("faces-value", V1);
        int v2 = register("faces-value", V2);

        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.post("/subjects/faces-value/versions", body(V3_NO_DEFAULT));

        assertError(reply, 409, 409, null);
        assertThat(reply.message()).startsWith(
                "Schema being registered is incompatible with an earlier schema for subject \"faces-value\"");
        assertThat(reply.message()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void shouldRejectInvalidAvroWith42201() {
        Reply reply = client.post("/subjects/faces-value/versions", body("{\"type\":\"record\",\"name\":\"X\"}"));

        assertError(reply, 422, 42201, null);
        assertThat(reply.message()).startsWith("Invalid schema");
        assertThat(client.get("/subjects/faces-value/versions").status()).isEqualTo(404);
    }

    @Test
    void shouldRejectSchemaThatIsNotJsonWith42201() {
        assertError(client.post("/subjects/faces-value/versions", body("not json")), 422, 42201, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "PROTOBUF", "XML"})
    void shouldRejectSchemaTypesOtherThanAvroWith42201(String type) {
        ObjectNode request = body("{\"type\":\"object\"}").put("schemaType", type);

        assertError(client.post("/subjects/faces-value/versions", request), 422, 42201, "Invalid schema type " + type);
    }

    @Test
    void shouldAcceptExplicitAvroSchemaType() {
        Reply reply = client.post("/subjects/faces-value/versions", body(V1).put("schemaType", "AVRO"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(client.get("/subjects/faces-value/versions/1").json().has("schemaType")).isFalse();
    }

    @Test
    void shouldRejectEmptySchemaWith42201() {
        assertError(client.post("/subjects/faces-value/versions", json()), 422, 42201, "Empty schema");
    }

    @Test
    void shouldReRegisterLatestSchemaWhenBodyHasNoSchema() {
        int id = register("faces-value", V1);

        Reply reply = client.post("/subjects/faces-value/versions", json());

        assertThat(reply.json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void shouldRejectMissingBodyWith422() {
        Reply reply = client.post("/subjects/faces-value/versions", "");

        assertError(reply, 422, 422, null);
    }

    @Test
    void shouldRejectMalformedJsonBodyWith400() {
        assertError(client.post("/subjects/faces-value/versions", "{\"schema\": "), 400, 400, null);
    }

    @Test
    void shouldRejectCallerChosenIdOutsideImportModeWith42205() {
        Reply reply = client.post("/subjects/faces-value/versions", body(V1).put("id", 100));

        assertError(reply, 422, 42205, "Subject faces-value is not in import mode");
    }

    @Test
    void shouldListVersions() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.get("/subjects/faces-value/versions");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[1,2]");
    }

    @Test
    void shouldAnswer40401WhenListingVersionsOfUnknownSubject() {
        assertError(client.get("/subjects/nope/versions"), 404, 40401, "Subject 'nope' not found.");
    }

    @Test
    void shouldGetVersionWithSubjectVersionIdAndSchema() {
        int id = register("faces-value", V1);

        JsonNode version = client.get("/subjects/faces-value/versions/1").json();

        assertThat(version.toString()).isEqualTo(
                "{\"subject\":\"faces-value\",\"version\":1,\"id\":" + id + ",\"schema\":" + quote(V1) + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LATEST", "-1"})
    void shouldResolveLatestVersion(String latest) {
        register("faces-value", V1);
        register("faces-value", V2);

        JsonNode version = client.get("/subjects/faces-value/versions/" + latest).json();

        assertThat(version.get("version").asInt()).isEqualTo(2);
        assertThat(version.get("schema").asText()).isEqualTo(V2);
    }

    @Test
    void shouldAnswer40402ForUnknownVersionOfKnownSubject() {
        register("faces-value", V1);

        assertError(client.get("/subjects/faces-value/versions/7"), 404, 40402, "Version 7 not found.");
    }

    @Test
    void shouldAnswer40401ForVersionOfUnknownSubject() {
        assertError(client.get("/subjects/nope/versions/1"), 404, 40401, "Subject 'nope' not found.");
        assertError(client.get("/subjects/nope/versions/latest"), 404, 40401, "Subject 'nope' not found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-2", "1.5", "99999999999"})
    void shouldAnswer42202ForInvalidVersion(String version) {
        register("faces-value", V1);

        assertError(client.get("/subjects/faces-value/versions/" + version), 422, 42202,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    @Test
    void shouldReturnRawSchemaFromSchemaEndpoint() {
        register("faces-value", V1);

        Reply reply = client.get("/subjects/faces-value/versions/1/schema");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(V1);
    }

    @Test
    void shouldAnswerErrorsFromRawSchemaEndpointToo() {
        assertError(client.get("/subjects/nope/versions/1/schema"), 404, 40401, null);
        register("faces-value", V1);
        assertError(client.get("/subjects/faces-value/versions/2/schema"), 404, 40402, null);
        assertError(client.get("/subjects/faces-value/versions/x/schema"), 422, 42202, null);
    }

    @Test
    void shouldRegisterSchemaWithReferencesAndReturnThem() {
        String emotion = "{\"type\":\"enum\",\"name\":\"Emotion\",\"namespace\":\"io.ferstream.test\","
                + "\"symbols\":[\"HAPPY\",\"SAD\"]}";
        int emotionId = register("emotion", emotion);
        String event = "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"io.ferstream.test\","
                + "\"fields\":[{\"name\":\"emotion\",\"type\":\"io.ferstream.test.Emotion\"}]}";
        ObjectNode request = body(event);
        request.putArray("references").addObject()
                .put("name", "io.ferstream.test.Emotion").put("subject", "emotion").put("version", 1);

        Reply reply = client.post("/subjects/events-value/versions", request);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        int eventId = reply.json().get("id").asInt();
        assertThat(eventId).isNotEqualTo(emotionId);
        JsonNode stored = client.get("/subjects/events-value/versions/1").json();
        assertThat(stored.get("references").toString())
                .isEqualTo("[{\"name\":\"io.ferstream.test.Emotion\",\"subject\":\"emotion\",\"version\":1}]");
        // The referenced type is named, not inlined: the stored text is what the caller registered.
        assertThat(stored.get("schema").asText()).isEqualTo("{\"type\":\"record\",\"name\":\"Event\","
                + "\"namespace\":\"io.ferstream.test\",\"fields\":[{\"name\":\"emotion\",\"type\":\"Emotion\"}]}");
        assertThat(client.get("/subjects/emotion/versions/1/referencedby").body()).isEqualTo("[" + eventId + "]");
    }

    @Test
    void shouldRejectReferenceToUnknownVersionWith42201() {
        ObjectNode request = body("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"e\",\"type\":\"Emotion\"}]}");
        request.putArray("references").addObject().put("name", "Emotion").put("subject", "emotion").put("version", 1);

        assertError(client.post("/subjects/events-value/versions", request), 422, 42201, null);
    }

    @Test
    void shouldAcceptPercentEncodedSubjectNames() {
        int id = register("team%2Ffaces%20value", V1);

        assertThat(client.get("/subjects").body()).isEqualTo("[\"team/faces value\"]");
        assertThat(client.get("/subjects/team%2Ffaces%20value/versions/1").json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void shouldRejectSubjectWithControlCharactersWith42208() {
        assertError(client.post("/subjects/bad%01subject/versions", body(V1)), 422, 42208, null);
        assertError(client.put("/config/bad%01subject", json().put("compatibility", "NONE")), 422, 42208, null);
    }

    @Test
    void shouldKeepVersionNumbersGrowingAfterSoftDeleteOfLatest() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/2");

        client.put("/config/faces-value", json().put("compatibility", "NONE"));
        register("faces-value", OTHER);

        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1,3]");
    }

    @Test
    void shouldNotCheckCompatibilityWithSoftDeletedVersions() {
        register("faces-value", V1);
        client.delete("/subjects/faces-value/versions/1");

        Reply reply = client.post("/subjects/faces-value/versions", body(V1_INT_ID));

        assertThat(reply.status()).isEqualTo(200);
    }

    private static String quote(String text) {
        return io.ferstream.registry.RegistryClient.MAPPER.getNodeFactory().textNode(text).toString();
    }
}
