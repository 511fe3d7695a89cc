package io.ferstream.serde;

/**
 * The Schema Registry did not answer, or kept failing with server errors, after every retry. The record
 * itself may be fine: callers should retry later rather than dead-letter it.
 */
public class RegistryUnavailableException extends SerdeException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
