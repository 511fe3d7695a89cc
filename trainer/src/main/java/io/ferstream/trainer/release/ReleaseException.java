package io.ferstream.trainer.release;

/**
 * A release operation that cannot be done as asked (nothing to roll back to, a bundle too large to travel inline, an
 * id archived with other bytes...). Its message is one line meant for the operator, so the CLI prints it as is and
 * exits 1 instead of showing a stack trace.
 */
public class ReleaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReleaseException(String message) {
    super(message);
  }

  public ReleaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
