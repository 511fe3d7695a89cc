package io.ferstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Avro encoding and decoding of one datum the way Confluent's Avro serdes do it. */
final class AvroDatums {

  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroDatums() {
  }

  /**
   * The schema a value is written with: its own for Avro containers (generated classes, generic records,
   * enums, fixed), the primitive schema for Java primitives, as Confluent's {@code AvroSchemaUtils} does.
   */
  static Schema schemaOf(Object value) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof CharSequence) {
      return STRING;
    }
    if (value instanceof Integer) {
      return INT;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerdeException("Unsupported Avro type " + value.getClass().getName() + ": expected a SpecificRecord, "
        + "a GenericRecord (or other GenericContainer), or a primitive (CharSequence, Integer, Long, Float, Double, "
        + "Boolean, byte[], ByteBuffer)");
  }

  /**
   * Writes the Avro body of a datum. A top-level {@code bytes} value is written raw, without Avro's length
   * prefix: Confluent's Java and JavaScript serializers both do so, and bytes must match theirs.
   */
  static byte[] encode(Object value, Schema schema, DatumWriter<Object> writer, byte[] header) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(header);
    if (schema.getType() == Schema.Type.BYTES) {
      out.write(rawBytes(value));
    } else {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      writer.write(value, encoder);
      encoder.flush();
    }
    return out.toByteArray();
  }

  /**
   * Reads the datum that follows the header. Mirrors {@link #encode}: a top-level {@code bytes} body is the
   * raw remainder, and a top-level string is returned as {@link String} (not Avro's {@code Utf8}), like
   * Confluent's deserializer.
   */
  static Object decode(byte[] payload, int offset, Schema writerSchema, DatumReader<Object> reader) throws IOException {
    if (writerSchema.getType() == Schema.Type.BYTES) {
      return Arrays.copyOfRange(payload, offset, payload.length);
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, offset, payload.length - offset, null);
    Object result = reader.read(null, decoder);
    return writerSchema.getType() == Schema.Type.STRING && result != null ? result.toString() : result;
  }

  private static byte[] rawBytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
