package io.ferstream.classifier.release;

/** A release that cannot be used: its bundle could not be fetched, failed verification, or failed to load. */
public class ReleaseRejectedException extends Exception {

  public ReleaseRejectedException(String message) {
    super(message);
  }

  public ReleaseRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
