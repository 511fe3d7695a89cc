package io.ferstream.serde.client;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parsing of schema text received from a registry. */
public final class AvroSchemas {

  private AvroSchemas() {
  }

  /**
   * Parses one self-contained Avro schema. A fresh {@link Schema.Parser} each time: a parser remembers the
   * names it has seen and would refuse a second, different definition of the same record name (two
   * versions of one record are exactly what a registry holds).
   *
   * @throws InvalidSchemaException if the text is not a valid Avro schema
   */
  public static Schema parse(String schema) {
    try {
      return new Schema.Parser().parse(schema);
    } catch (SchemaParseException | NullPointerException e) {
      throw new InvalidSchemaException("Invalid Avro schema: " + e.getMessage(), 422,
          SchemaRegistryException.INVALID_SCHEMA);
    }
  }
}
