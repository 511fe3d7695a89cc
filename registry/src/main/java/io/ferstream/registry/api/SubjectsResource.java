package io.ferstream.registry.api;

import io.ferstream.registry.core.SchemaRegistry;

/** {@code /subjects}: list, lookup of a schema under a subject, subject deletion. */
final class SubjectsResource {
    private final SchemaRegistry registry;

    private SubjectsResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        SubjectsResource resource = new SubjectsResource(registry);
        router.get("/subjects", resource::list);
        router.post("/subjects/{subject}", resource::lookup);
        router.delete("/subjects/{subject}", resource::delete);
    }

    private RestResponse list(RestRequest request) {
        return RestResponse.ok(registry.subjects(request.query("subjectPrefix"), request.flag("deleted"),
                request.flag("deletedOnly")));
    }

    /** 200 with subject/version/id/schema; 40401 unknown subject; 40403 schema not under it. */
    private RestResponse lookup(RestRequest request) {
        return RestResponse.ok(Json.schema(registry.lookup(request.path("subject"),
                Json.schemaRequest(request.jsonObject()), request.flag("deleted"))));
    }

    /** The versions deleted; 40404 already soft-deleted; 40405 permanent before soft. */
    private RestResponse delete(RestRequest request) {
        return RestResponse.ok(registry.deleteSubject(request.path("subject"), request.flag("permanent")));
    }
}
