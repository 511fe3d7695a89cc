package io.ferstream.serde.client;

/** Error code 409 (HTTP 409): the schema breaks the subject's compatibility level. */
public class IncompatibleSchemaException extends SchemaRegistryException {

  public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
