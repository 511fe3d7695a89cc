package io.ferstream.serde.client;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry describes it ({@code GET /subjects/{s}/versions/{v}},
 * {@code POST /subjects/{s}}).
 *
 * @param subject the subject
 * @param id      the registry-wide schema id, the one written into every message
 * @param version the version within the subject, from 1
 * @param schema  the schema text as stored by the registry
 */
public record SchemaMetadata(String subject, int id, int version, String schema) {

  /** The schema text parsed as Avro. */
  public Schema avroSchema() {
    return AvroSchemas.parse(schema);
  }
}
