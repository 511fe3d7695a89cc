package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.core.SchemaRegistry;

import java.util.List;

/** {@code /compatibility}: would this schema be accepted? {@code {"is_compatible": bool[, "messages": [...]]}}. */
final class CompatibilityResource {
    private final SchemaRegistry registry;

    private CompatibilityResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        CompatibilityResource resource = new CompatibilityResource(registry);
        router.post("/compatibility/subjects/{subject}/versions/{version}", resource::againstVersion);
        router.post("/compatibility/subjects/{subject}/versions", resource::againstAll);
    }

    private RestResponse againstVersion(RestRequest request) {
        boolean verbose = request.flag("verbose");
        List<String> messages = registry.testCompatibility(request.path("subject"), request.path("version"),
                Json.schemaRequest(request.jsonObject()), verbose);
        return RestResponse.ok(result(messages, verbose));
    }

    private RestResponse againstAll(RestRequest request) {
        boolean verbose = request.flag("verbose");
        List<String> messages = registry.testCompatibilityWithAll(request.path("subject"),
                Json.schemaRequest(request.jsonObject()), verbose);
        return RestResponse.ok(result(messages, verbose));
    }

    private static ObjectNode result(List<String> messages, boolean verbose) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("is_compatible", messages.isEmpty());
        if (verbose) {
            node.set("messages", Json.MAPPER.valueToTree(messages));
        }
        return node;
    }
}
