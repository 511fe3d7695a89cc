package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.InvalidRecordException;
import java.util.Objects;

/** A labelled-feedback record the trainer cannot use, and why: the record's own fault, so it is dead-lettered. */
public class InvalidFeedbackException extends InvalidRecordException {

  private final DeadLetterReason reason;

  public InvalidFeedbackException(DeadLetterReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public InvalidFeedbackException(DeadLetterReason reason, String message, Throwable cause) {
    this(reason, message);
    initCause(cause);
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
