package io.ferstream.serde;

/** The payload is shorter than Confluent's 5-byte header (magic byte and schema id). */
public class PayloadTooShortException extends SerdeException {

  private final int length;

  public PayloadTooShortException(int length) {
    super("Payload of " + length + " byte(s) is too short for Confluent's wire format (at least "
        + ConfluentWireFormat.HEADER_SIZE + " bytes: magic byte and 4-byte schema id)");
    this.length = length;
  }

  public int length() {
    return length;
  }
}
