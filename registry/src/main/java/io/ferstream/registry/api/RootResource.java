package io.ferstream.registry.api;

import io.ferstream.registry.core.SchemaRegistry;

/** {@code GET /} (an empty object: Confluent's liveness answer) and {@code GET /schemas/types}. */
final class RootResource {
    private RootResource() {
    }

    static void register(HttpRouter router) {
        router.get("/", request -> RestResponse.ok(Json.MAPPER.createObjectNode()));
        router.get("/schemas/types", request -> RestResponse.ok(SchemaRegistry.SCHEMA_TYPES));
    }
}
