package io.ferstream.common.streams.errors;

/**
 * A record that decoded but is not valid input for the processor that threw this: the record's own fault, so
 * {@link DeadLetterProcessingHandler} dead-letters it instead of failing the task. Applications subclass it for
 * their own rules.
 */
public class InvalidRecordException extends RuntimeException {

  public InvalidRecordException(String message) {
    super(message);
  }
}
