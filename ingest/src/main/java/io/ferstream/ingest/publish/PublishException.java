package io.ferstream.ingest.publish;

/** Publishing cannot go on; the message says why in terms of what to check. */
public final class PublishException extends Exception {

  private static final long serialVersionUID = 1L;

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
