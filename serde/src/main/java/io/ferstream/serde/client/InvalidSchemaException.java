package io.ferstream.serde.client;

/** Error code 42201 (HTTP 422): the registry could not parse the schema. */
public class InvalidSchemaException extends SchemaRegistryException {

  public InvalidSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
