package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.registry.core.Errors;
import io.ferstream.registry.core.SchemaReference;
import io.ferstream.registry.core.SchemaRequest;
import io.ferstream.registry.store.StoreValue.SchemaValue;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON shapes of Confluent's entities. Built by hand rather than with annotated classes so that field
 * order and omissions (no {@code schemaType} for AVRO, no empty {@code references}) match Confluent's
 * output exactly.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Confluent's Schema entity: subject, version, id, [schemaType], [references], schema. */
    static ObjectNode schema(SchemaValue value) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("subject", value.subject()).put("version", value.version()).put("id", value.id());
        putTypeAndReferences(node, value);
        node.put("schema", value.schema());
        return node;
    }

    /** Confluent's SchemaString entity ({@code GET /schemas/ids/{id}}): [schemaType], schema, [references]. */
    static ObjectNode schemaString(SchemaValue value) {
        ObjectNode node = MAPPER.createObjectNode();
        if (!SchemaValue.AVRO.equals(value.schemaType())) {
            node.put("schemaType", value.schemaType());
        }
        node.put("schema", value.schema());
        if (!value.references().isEmpty()) {
            node.set("references", references(value.references()));
        }
        return node;
    }

    private static void putTypeAndReferences(ObjectNode node, SchemaValue value) {
        if (!SchemaValue.AVRO.equals(value.schemaType())) {
            node.put("schemaType", value.schemaType());
        }
        if (!value.references().isEmpty()) {
            node.set("references", references(value.references()));
        }
    }

    private static ArrayNode references(List<SchemaReference> refs) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SchemaReference ref : refs) {
            array.addObject().put("name", ref.name()).put("subject", ref.subject()).put("version", ref.version());
        }
        return array;
    }

    static ObjectNode error(int errorCode, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", errorCode).put("message", message);
        return node;
    }

    /** Reads a register/lookup/compatibility body. Unknown fields are ignored, as Confluent does. */
    static SchemaRequest schemaRequest(JsonNode body) {
        String schema = text(body, "schema");
        String schemaType = text(body, "schemaType");
        List<SchemaReference> refs = new ArrayList<>();
        JsonNode refsNode = body.get("references");
        if (refsNode != null && !refsNode.isNull()) {
            if (!refsNode.isArray()) {
                throw Errors.unprocessable("Cannot deserialize 'references': expected an array");
            }
            for (JsonNode ref : refsNode) {
                if (!ref.isObject() || !ref.path("version").canConvertToInt()) {
                    throw Errors.unprocessable("Cannot deserialize reference " + ref
                            + ": expected {\"name\", \"subject\", \"version\"}");
                }
                refs.add(new SchemaReference(text(ref, "name"), text(ref, "subject"), ref.get("version").asInt()));
            }
        }
        return new SchemaRequest(schema, schemaType, refs, integer(body, "id"), integer(body, "version"));
    }

    /** A string field; scalars are coerced to text as Jackson would, objects and arrays are 422. */
    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw Errors.unprocessable("Cannot deserialize value of type `java.lang.String` for field '"
                    + field + "' from " + (node.isObject() ? "Object" : "Array") + " value");
        }
        return node.asText();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw Errors.unprocessable("Cannot deserialize value of type `java.lang.Integer` for field '" + field + "'");
        }
        return node.asInt();
    }
}
