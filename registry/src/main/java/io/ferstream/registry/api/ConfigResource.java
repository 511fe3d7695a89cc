package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.core.CompatibilityLevel;
import io.ferstream.registry.core.Errors;
import io.ferstream.registry.core.SchemaRegistry;

/**
 * {@code /config}: compatibility levels. GET answers {@code {"compatibilityLevel": "..."}}; PUT takes
 * {@code {"compatibility": "..."}} and echoes the request; DELETE answers the level it removed.
 */
final class ConfigResource {
    private final SchemaRegistry registry;

    private ConfigResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        ConfigResource resource = new ConfigResource(registry);
        router.get("/config", resource::getGlobal);
        router.put("/config", resource::putGlobal);
        router.delete("/config", resource::deleteGlobal);
        router.get("/config/{subject}", resource::getSubject);
        router.put("/config/{subject}", resource::putSubject);
        router.delete("/config/{subject}", resource::deleteSubject);
    }

    private RestResponse getGlobal(RestRequest request) {
        return RestResponse.ok(config(registry.globalCompatibility()));
    }

    private RestResponse putGlobal(RestRequest request) {
        JsonNode body = request.jsonObject();
        registry.setCompatibility(null, level(body));
        return RestResponse.ok(body);
    }

    private RestResponse deleteGlobal(RestRequest request) {
        return RestResponse.ok(config(registry.deleteGlobalCompatibility()));
    }

    /** 40408 when the subject has no level of its own, unless {@code defaultToGlobal=true}. */
    private RestResponse getSubject(RestRequest request) {
        String subject = request.path("subject");
        CompatibilityLevel level = request.flag("defaultToGlobal")
                ? registry.effectiveCompatibility(subject)
                : registry.subjectCompatibility(subject).orElseThrow(() -> Errors.subjectCompatibilityNotConfigured(subject));
        return RestResponse.ok(config(level));
    }

    private RestResponse putSubject(RestRequest request) {
        JsonNode body = request.jsonObject();
        registry.setCompatibility(request.path("subject"), level(body));
        return RestResponse.ok(body);
    }

    private RestResponse deleteSubject(RestRequest request) {
        return RestResponse.ok(config(registry.deleteSubjectCompatibility(request.path("subject"))));
    }

    /** Confluent's field is "compatibility"; "compatibilityLevel" (the GET shape) is accepted too. */
    private static CompatibilityLevel level(JsonNode body) {
        String value = Json.text(body, "compatibility");
        if (value == null) {
            value = Json.text(body, "compatibilityLevel");
        }
        return CompatibilityLevel.forName(value).orElseThrow(Errors::invalidCompatibilityLevel);
    }

    private static ObjectNode config(CompatibilityLevel level) {
        return Json.MAPPER.createObjectNode().put("compatibilityLevel", level.name());
    }
}
