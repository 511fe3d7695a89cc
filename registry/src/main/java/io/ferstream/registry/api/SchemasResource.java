package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ferstream.registry.core.SchemaRegistry;
import io.ferstream.registry.store.StoreValue.SchemaValue;

import java.util.ArrayList;
import java.util.List;

/** {@code /schemas}: schemas by global id, and the listing of schemas. */
final class SchemasResource {
    private final SchemaRegistry registry;

    private SchemasResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    static void register(HttpRouter router, SchemaRegistry registry) {
        SchemasResource resource = new SchemasResource(registry);
        router.get("/schemas", resource::list);
        router.get("/schemas/ids/{id}", resource::byId);
        router.get("/schemas/ids/{id}/schema", resource::schemaOnly);
        router.get("/schemas/ids/{id}/subjects", resource::subjects);
        router.get("/schemas/ids/{id}/versions", resource::versions);
    }

    /** {@code GET /schemas?subjectPrefix=&deleted=&latestOnly=&offset=&limit=}. */
    private RestResponse list(RestRequest request) {
        boolean deleted = request.flag("deleted");
        boolean latestOnly = request.flag("latestOnly");
        List<SchemaValue> matches = new ArrayList<>();
        for (String subject : registry.subjects(request.query("subjectPrefix"), deleted, false)) {
            List<Integer> versions = registry.versions(subject, deleted, false);
            List<Integer> chosen = latestOnly ? versions.subList(versions.size() - 1, versions.size()) : versions;
            for (int version : chosen) {
                matches.add(registry.version(subject, String.valueOf(version), deleted));
            }
        }
        int offset = Math.max(0, request.intQuery("offset", 0));
        int limit = request.intQuery("limit", -1);
        int end = limit < 0 ? matches.size() : Math.min(matches.size(), offset + limit);
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = offset; i < end; i++) {
            array.add(Json.schema(matches.get(i)));
        }
        return RestResponse.ok(array);
    }

    private RestResponse byId(RestRequest request) {
        return RestResponse.ok(Json.schemaString(registry.schemaById(id(request))));
    }

    private RestResponse schemaOnly(RestRequest request) {
        return RestResponse.raw(registry.schemaById(id(request)).schema());
    }

    private RestResponse subjects(RestRequest request) {
        return RestResponse.ok(registry.subjectsForId(id(request), request.flag("deleted")));
    }

    private RestResponse versions(RestRequest request) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (SchemaValue value : registry.versionsForId(id(request), request.flag("deleted"))) {
            array.addObject().put("subject", value.subject()).put("version", value.version());
        }
        return RestResponse.ok(array);
    }

    /** A non-integer id does not match Confluent's {@code Integer} path parameter: plain 404. */
    private static int id(RestRequest request) {
        try {
            return Integer.parseInt(request.path("id"));
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404);
        }
    }
}
