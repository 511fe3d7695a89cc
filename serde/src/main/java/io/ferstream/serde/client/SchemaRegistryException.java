package io.ferstream.serde.client;

/**
 * An error answered by a Schema Registry (or by the client on its behalf), carrying the HTTP status and
 * Confluent's numeric {@code error_code} so callers can branch on the kind without parsing messages.
 *
 * <p>Unchecked: almost every caller (a serializer, a CLI command) can only report it, and checked
 * exceptions would leak through {@code Serializer}'s signature anyway.
 */
public class SchemaRegistryException extends RuntimeException {

  /** Confluent's error codes that this client gives a meaning to. */
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int STORE_ERROR = 50001;
  public static final int OPERATION_TIMEOUT = 50002;
  public static final int FORWARDING_ERROR = 50003;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    this(message, httpStatus, errorCode, null);
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the answer; -1 when no answer came (see {@link RegistryUnreachableException}). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's {@code error_code}; the HTTP status when the body carried none; -1 when no answer came. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * Whether asking again may succeed: server-side failures (5xx, and Confluent's store, timeout and
   * forwarding codes). Client errors (4xx) are definitive answers and are never retried.
   */
  public boolean isRetriable() {
    return httpStatus >= 500
        || errorCode == STORE_ERROR
        || errorCode == OPERATION_TIMEOUT
        || errorCode == FORWARDING_ERROR;
  }
}
