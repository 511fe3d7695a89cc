package io.ferstream.serde;

/** The payload names a schema id the registry does not know (deleted, or written against another registry). */
public class UnknownSchemaIdException extends SerdeException {

  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, Throwable cause) {
    super("Unknown schema id " + schemaId + ": the Schema Registry has no schema with this id", cause);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
