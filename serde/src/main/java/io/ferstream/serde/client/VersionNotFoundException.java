package io.ferstream.serde.client;

/** Error code 40402 (HTTP 404): the subject exists but not that version. */
public class VersionNotFoundException extends SchemaRegistryException {

  public VersionNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
