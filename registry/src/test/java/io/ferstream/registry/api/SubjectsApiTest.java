package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

import static io.ferstream.registry.Schemas.OTHER;
import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V1_SPACED;
import static io.ferstream.registry.Schemas.V2;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /subjects, POST /subjects/{subject} (lookup), DELETE /subjects/{subject}. */
class SubjectsApiTest extends RestApiTestBase {

    @Test
    void shouldListNoSubjectsWhenEmpty() {
        Reply reply = client.get("/subjects");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[]");
    }

    @Test
    void shouldListSubjectsSorted() {
        register("b-value", V1);
        register("a-value", OTHER);

        assertThat(client.get("/subjects").body()).isEqualTo("[\"a-value\",\"b-value\"]");
    }

    @Test
    void shouldFilterSubjectsByPrefix() {
        register("faces-value", V1);
        register("faces-key", OTHER);
        register("emotions-value", V1);

        assertThat(client.get("/subjects?subjectPrefix=faces").body()).isEqualTo("[\"faces-key\",\"faces-value\"]");
    }

    @Test
    void shouldListSoftDeletedSubjectsOnlyWhenAsked() {
        register("faces-value", V1);
        register("gone-value", OTHER);
        client.delete("/subjects/gone-value");

        assertThat(client.get("/subjects").body()).isEqualTo("[\"faces-value\"]");
        assertThat(client.get("/subjects?deleted=true").body()).isEqualTo("[\"faces-value\",\"gone-value\"]");
        assertThat(client.get("/subjects?deletedOnly=true").body()).isEqualTo("[\"gone-value\"]");
    }

    @Test
    void shouldLookUpRegisteredSchemaUnderSubject() {
        int id = register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.post("/subjects/faces-value", body(V1_SPACED));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode found = reply.json();
        assertThat(found.get("subject").asText()).isEqualTo("faces-value");
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("schema").asText()).isEqualTo(V1);
    }

    @Test
    void shouldAnswer40401WhenLookingUpUnderUnknownSubject() {
        assertError(client.post("/subjects/nope", body(V1)), 404, 40401, "Subject 'nope' not found.");
    }

    @Test
    void shouldAnswer40403WhenSchemaIsNotUnderSubject() {
        register("faces-value", V1);
        register("other-value", OTHER);

        assertError(client.post("/subjects/faces-value", body(OTHER)), 404, 40403, "Schema not found");
    }

    @Test
    void shouldAnswer42201WhenLookingUpInvalidSchema() {
        register("faces-value", V1);

        assertError(client.post("/subjects/faces-value", body("{\"type\":\"nope\"}")), 422, 42201, null);
    }

    @Test
    void shouldFindSoftDeletedSchemaOnlyWithDeletedFlag() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/1");

        assertError(client.post("/subjects/faces-value", body(V1)), 404, 40403, null);
        Reply reply = client.post("/subjects/faces-value?deleted=true", body(V1));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldSoftDeleteSubjectAndAnswerItsVersions() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.delete("/subjects/faces-value");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects").body()).isEqualTo("[]");
        assertError(client.get("/subjects/faces-value/versions"), 404, 40401, null);
        assertError(client.get("/subjects/faces-value/versions/1"), 404, 40401, null);
        assertThat(client.get("/subjects/faces-value/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects/faces-value/versions/1?deleted=true").json().get("schema").asText())
                .isEqualTo(V1);
    }

    @Test
    void shouldKeepSchemaIdReadableAfterSoftDelete() {
        int id = register("faces-value", V1);
        client.delete("/subjects/faces-value");

        Reply reply = client.get("/schemas/ids/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("schema").asText()).isEqualTo(V1);
    }

    @Test
    void shouldAnswer40404WhenSoftDeletingSoftDeletedSubject() {
        register("faces-value", V1);
        client.delete("/subjects/faces-value");

        assertError(client.delete("/subjects/faces-value"), 404, 40404,
                "Subject 'faces-value' was soft deleted.Set permanent=true to delete permanently");
    }

    @Test
    void shouldAnswer40405WhenPermanentlyDeletingSubjectThatWasNotSoftDeleted() {
        register("faces-value", V1);

        assertError(client.delete("/subjects/faces-value?permanent=true"), 404, 40405,
                "Subject 'faces-value' was not deleted first before being permanently deleted");
        assertThat(client.get("/subjects").body()).isEqualTo("[\"faces-value\"]");
    }

    @Test
    void shouldAnswer40405WhenOnlySomeVersionsWereSoftDeleted() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/1");

        assertError(client.delete("/subjects/faces-value?permanent=true"), 404, 40405, null);
    }

    @Test
    void shouldPermanentlyDeleteSoftDeletedSubject() {
        int id = register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value");

        Reply reply = client.delete("/subjects/faces-value?permanent=true");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects?deleted=true").body()).isEqualTo("[]");
        assertError(client.get("/subjects/faces-value/versions?deleted=true"), 404, 40401, null);
        assertError(client.get("/schemas/ids/" + id), 404, 40403, "Schema " + id + " not found");
    }

    @Test
    void shouldKeepIdOfPermanentlyDeletedSchemaWhileAnotherSubjectUsesIt() {
        int id = register("faces-value", V1);
        register("copy-value", V1);
        client.delete("/subjects/faces-value");
        client.delete("/subjects/faces-value?permanent=true");

        assertThat(client.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(client.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[\"copy-value\"]");
    }

    @Test
    void shouldAnswer40401WhenDeletingUnknownSubject() {
        assertError(client.delete("/subjects/nope"), 404, 40401, "Subject 'nope' not found.");
        assertError(client.delete("/subjects/nope?permanent=true"), 404, 40401, null);
    }

    @Test
    void shouldContinueVersionsAndReuseIdWhenReRegisteringAfterSoftDelete() {
        int id = register("faces-value", V1);
        client.delete("/subjects/faces-value");

        int again = register("faces-value", V1);

        assertThat(again).isEqualTo(id);
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[2]");
        // The soft-deleted version with the same id is replaced, as in Confluent.
        assertThat(client.get("/subjects/faces-value/versions?deleted=true").body()).isEqualTo("[2]");
    }

    @Test
    void shouldStartVersionsAgainAfterPermanentDelete() {
        register("faces-value", V1);
        client.delete("/subjects/faces-value");
        client.delete("/subjects/faces-value?permanent=true");

        register("faces-value", OTHER);

        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldNeverReuseIdsAfterPermanentDelete() {
        int id = register("faces-value", V1);
        client.delete("/subjects/faces-value");
        client.delete("/subjects/faces-value?permanent=true");

        int next = register("other-value", OTHER);

        assertThat(next).isGreaterThan(id);
    }

    @Test
    void shouldDropSubjectCompatibilityWhenSubjectIsSoftDeleted() {
        register("faces-value", V1);
        client.put("/config/faces-value", json().put("compatibility", "FULL"));

        client.delete("/subjects/faces-value");

        assertError(client.get("/config/faces-value"), 404, 40408, null);
    }

    @Test
    void shouldRefuseToDeleteSubjectThatIsReferencedWith42206() {
        register("emotion", "{\"type\":\"enum\",\"name\":\"Emotion\",\"symbols\":[\"HAPPY\"]}");
        var request = body("{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"e\",\"type\":\"Emotion\"}]}");
        request.putArray("references").addObject().put("name", "Emotion").put("subject", "emotion").put("version", 1);
        assertThat(client.post("/subjects/events-value/versions", request).status()).isEqualTo(200);

        assertError(client.delete("/subjects/emotion"), 422, 42206, null);
        assertError(client.delete("/subjects/emotion/versions/1"), 422, 42206, null);
    }
}
