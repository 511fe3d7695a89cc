package io.ferstream.serde;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Confluent's framing of a serialized record: magic byte {@code 0}, the schema id as a 4-byte big-endian
 * int, then the Avro binary encoding of the datum (no Avro container header, no fingerprint).
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0x0;
  public static final int ID_SIZE = 4;
  /** Magic byte plus schema id: where the Avro body starts. */
  public static final int HEADER_SIZE = 1 + ID_SIZE;

  private ConfluentWireFormat() {
  }

  /**
   * The schema id of a framed payload.
   *
   * @throws UnknownMagicByteException if the payload does not start with 0
   * @throws PayloadTooShortException  if it is null or shorter than the header
   */
  public static int schemaId(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new PayloadTooShortException(payload == null ? 0 : payload.length);
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new UnknownMagicByteException(payload[0]);
    }
    if (payload.length < HEADER_SIZE) {
      throw new PayloadTooShortException(payload.length);
    }
    return ByteBuffer.wrap(payload, 1, ID_SIZE).getInt();
  }

  /**
   * The schema id of a payload if it is framed the Confluent way, else empty; never throws. For code that
   * inspects records it could not process (dead-letter handling), where a malformed payload is expected.
   */
  public static OptionalInt findSchemaId(byte[] payload) {
    if (payload == null || payload.length < HEADER_SIZE || payload[0] != MAGIC_BYTE) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(payload, 1, ID_SIZE).getInt());
  }

  /** The 5-byte header for a schema id. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }
}
