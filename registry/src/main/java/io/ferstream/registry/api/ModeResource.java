package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.core.Errors;
import io.ferstream.registry.core.Mode;
import io.ferstream.registry.core.SchemaRegistry;

/** {@code /mode}: READWRITE (default) or READONLY, globally or per subject: {@code {"mode": "..."}}. */
final class ModeResource {
    private final SchemaRegistry registry;

    private ModeResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        ModeResource resource = new ModeResource(registry);
        router.get("/mode", request -> RestResponse.ok(mode(registry.globalMode())));
        router.put("/mode", resource::putGlobal);
        router.get("/mode/{subject}", resource::getSubject);
        router.put("/mode/{subject}", resource::putSubject);
        router.delete("/mode/{subject}", resource::deleteSubject);
    }

    private RestResponse putGlobal(RestRequest request) {
        JsonNode body = request.jsonObject();
        registry.setMode(null, parse(body));
        return RestResponse.ok(body);
    }

    private RestResponse getSubject(RestRequest request) {
        String subject = request.path("subject");
        Mode mode = request.flag("defaultToGlobal")
                ? registry.effectiveMode(subject)
                : registry.subjectMode(subject).orElseThrow(() -> Errors.subjectModeNotConfigured(subject));
        return RestResponse.ok(mode(mode));
    }

    private RestResponse putSubject(RestRequest request) {
        JsonNode body = request.jsonObject();
        registry.setMode(request.path("subject"), parse(body));
        return RestResponse.ok(body);
    }

    private RestResponse deleteSubject(RestRequest request) {
        return RestResponse.ok(mode(registry.deleteSubjectMode(request.path("subject"))));
    }

    private static Mode parse(JsonNode body) {
        String value = Json.text(body, "mode");
        return Mode.forName(value).orElseThrow(() -> Errors.invalidMode(value));
    }

    private static ObjectNode mode(Mode mode) {
        return Json.MAPPER.createObjectNode().put("mode", mode.name());
    }
}
