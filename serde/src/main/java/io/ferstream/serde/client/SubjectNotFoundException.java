package io.ferstream.serde.client;

/** Error code 40401 (HTTP 404): the subject does not exist, or all its versions are deleted. */
public class SubjectNotFoundException extends SchemaRegistryException {

  public SubjectNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
