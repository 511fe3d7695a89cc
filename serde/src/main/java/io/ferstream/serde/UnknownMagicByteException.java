package io.ferstream.serde;

/** The payload does not start with Confluent's magic byte 0: it was not written by a Confluent-format serializer. */
public class UnknownMagicByteException extends SerdeException {

  private final byte magicByte;

  public UnknownMagicByteException(byte magicByte) {
    super(String.format("Unknown magic byte 0x%02x: not Confluent's wire format (expected 0x00)", magicByte));
    this.magicByte = magicByte;
  }

  public byte magicByte() {
    return magicByte;
  }
}
