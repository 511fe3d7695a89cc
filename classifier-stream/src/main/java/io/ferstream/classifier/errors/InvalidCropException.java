package io.ferstream.classifier.errors;

/** A face crop that decoded but cannot be classified: bad dimensions, wrong pixel count, no session. */
public class InvalidCropException extends RuntimeException {

  public InvalidCropException(String message) {
    super(message);
  }
}
