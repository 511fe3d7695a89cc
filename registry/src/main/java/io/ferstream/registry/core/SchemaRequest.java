package io.ferstream.registry.core;

import java.util.List;

/**
 * Body of register, lookup and compatibility requests:
 * {@code {"schema": "...", "schemaType": "AVRO", "references": [...]}}. {@code id} and {@code version}
 * are only meaningful to Confluent's IMPORT mode and are checked, not honoured.
 */
public record SchemaRequest(String schema, String schemaType, List<SchemaReference> references,
                            Integer id, Integer version) {
    public SchemaRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public static SchemaRequest of(String schema) {
        return new SchemaRequest(schema, null, List.of(), null, null);
    }
}
