package io.ferstream.serde.client;

/** Error code 40403 (HTTP 404): no schema has that id, or the schema is not registered under the subject. */
public class SchemaNotFoundException extends SchemaRegistryException {

  public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
