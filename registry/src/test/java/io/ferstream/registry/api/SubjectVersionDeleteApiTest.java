package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

import static io.ferstream.registry.Schemas.V1;
import static io.ferstream.registry.Schemas.V2;
import static org.assertj.core.api.Assertions.assertThat;

/** DELETE /subjects/{subject}/versions/{version}[?permanent=true]. */
class SubjectVersionDeleteApiTest extends RestApiTestBase {

    @Test
    void shouldSoftDeleteVersionAndAnswerItsNumber() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.delete("/subjects/faces-value/versions/1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("1");
        assertThat(client.get("/subjects/faces-value/versions").body()).isEqualTo("[2]");
        assertThat(client.get("/subjects/faces-value/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertError(client.get("/subjects/faces-value/versions/1"), 404, 40402, "Version 1 not found.");
        assertThat(client.get("/subjects/faces-value/versions/1?deleted=true").status()).isEqualTo(200);
    }

    @Test
    void shouldDeleteLatestVersion() {
        register("faces-value", V1);
        register("faces-value", V2);

        Reply reply = client.delete("/subjects/faces-value/versions/latest");

        assertThat(reply.body()).isEqualTo("2");
        assertThat(client.get("/subjects/faces-value/versions/latest").json().get("version").asInt()).isEqualTo(1);
        assertThat(client.get("/subjects/faces-value/versions/latest?deleted=true").json().get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldAnswer40406WhenSoftDeletingSoftDeletedVersion() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/1");

        assertError(client.delete("/subjects/faces-value/versions/1"), 404, 40406,
                "Subject 'faces-value' Version 1 was soft deleted.Set permanent=true to delete permanently");
    }

    @Test
    void shouldAnswer40407WhenPermanentlyDeletingVersionThatWasNotSoftDeleted() {
        register("faces-value", V1);

        assertError(client.delete("/subjects/faces-value/versions/1?permanent=true"), 404, 40407,
                "Subject 'faces-value' Version 1 was not deleted first before being permanently deleted");
    }

    @Test
    void shouldPermanentlyDeleteSoftDeletedVersion() {
        register("faces-value", V1);
        register("faces-value", V2);
        client.delete("/subjects/faces-value/versions/1");

        Reply reply = client.delete("/subjects/faces-value/versions/1?permanent=true");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("1");
        assertThat(client.get("/subjects/faces-value/versions?deleted=true").body()).isEqualTo("[2]");
        assertError(client.get("/subjects/faces-value/versions/1?deleted=true"), 404, 40402, null);
    }

    @Test
    void shouldAnswer40402And40401ForUnknownVersionOrSubject() {
        register("faces-value", V1);

        assertError(client.delete("/subjects/faces-value/versions/5"), 404, 40402, "Version 5 not found.");
        assertError(client.delete("/subjects/nope/versions/1"), 404, 40401, "Subject 'nope' not found.");
    }

    @Test
    void shouldAnswer42202ForInvalidVersionOnDelete() {
        register("faces-value", V1);

        assertError(client.delete("/subjects/faces-value/versions/zero"), 422, 42202, null);
    }

    @Test
    void shouldHideSubjectOnceItsLastVersionIsSoftDeleted() {
        register("faces-value", V1);
        client.put("/config/faces-value", json().put("compatibility", "NONE"));

        client.delete("/subjects/faces-value/versions/1");

        assertThat(client.get("/subjects").body()).isEqualTo("[]");
        assertError(client.get("/subjects/faces-value/versions"), 404, 40401, null);
        assertError(client.get("/config/faces-value"), 404, 40408, null);
    }
}
