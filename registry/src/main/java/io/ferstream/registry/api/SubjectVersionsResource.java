package io.ferstream.registry.api;

import io.ferstream.registry.core.SchemaRegistry;

/** {@code /subjects/{subject}/versions}: register, list, get, delete versions. */
final class SubjectVersionsResource {
    private final SchemaRegistry registry;

    private SubjectVersionsResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        SubjectVersionsResource resource = new SubjectVersionsResource(registry);
        router.get("/subjects/{subject}/versions", resource::list);
        router.post("/subjects/{subject}/versions", resource::registerSchema);
        router.get("/subjects/{subject}/versions/{version}", resource::get);
        router.get("/subjects/{subject}/versions/{version}/schema", resource::getSchemaOnly);
        router.get("/subjects/{subject}/versions/{version}/referencedby", resource::referencedBy);
        router.delete("/subjects/{subject}/versions/{version}", resource::delete);
    }

    private RestResponse list(RestRequest request) {
        return RestResponse.ok(registry.versions(request.path("subject"), request.flag("deleted"),
                request.flag("deletedOnly")));
    }

    /** {@code {"id": N}}; 409 incompatible; 42201 invalid schema or type. */
    private RestResponse registerSchema(RestRequest request) {
        int id = registry.register(request.path("subject"), Json.schemaRequest(request.jsonObject()));
        return RestResponse.ok(Json.MAPPER.createObjectNode().put("id", id));
    }

    private RestResponse get(RestRequest request) {
        return RestResponse.ok(Json.schema(registry.version(request.path("subject"), request.path("version"),
                request.flag("deleted"))));
    }

    private RestResponse getSchemaOnly(RestRequest request) {
        return RestResponse.raw(registry.version(request.path("subject"), request.path("version"),
                request.flag("deleted")).schema());
    }

    private RestResponse referencedBy(RestRequest request) {
        return RestResponse.ok(registry.referencedBy(request.path("subject"), request.path("version")));
    }

    /** The version number; 40406 already soft-deleted; 40407 permanent before soft. */
    private RestResponse delete(RestRequest request) {
        return RestResponse.ok(registry.deleteVersion(request.path("subject"), request.path("version"),
                request.flag("permanent")));
    }
}
