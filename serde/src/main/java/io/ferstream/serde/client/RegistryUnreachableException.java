package io.ferstream.serde.client;

/**
 * No registry URL gave an answer (connection refused, DNS failure, timeout) after every retry.
 * Distinct from a 5xx answer: here nothing was heard at all.
 */
public class RegistryUnreachableException extends SchemaRegistryException {

  public RegistryUnreachableException(String message, Throwable cause) {
    super(message, -1, -1, cause);
  }

  @Override
  public boolean isRetriable() {
    return true;
  }
}
