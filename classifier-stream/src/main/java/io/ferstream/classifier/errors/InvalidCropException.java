package io.ferstream.classifier.errors;

import io.ferstream.common.streams.errors.InvalidRecordException;

/** A face crop that decoded but cannot be classified: bad dimensions, wrong pixel count, no session. */
public class InvalidCropException extends InvalidRecordException {

  public InvalidCropException(String message) {
    super(message);
  }
}
