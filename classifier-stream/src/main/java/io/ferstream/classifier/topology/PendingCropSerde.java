package io.ferstream.classifier.topology;

import io.ferstream.schemas.FaceCrop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value format of the pending store and its changelog: a version byte (1), the enqueue time and the record
 * timestamp (8 bytes each, big-endian), then the {@link FaceCrop} in plain Avro binary with the schema compiled into
 * this build. The store is internal to the application, so it needs no registry; a new format gets a new version.
 */
public final class PendingCropSerde implements Serde<PendingCrop> {

  static final byte VERSION = 1;
  private static final int HEADER = 1 + 8 + 8;

  static {
    AvroTrust.trustFerStreamSchemas();
  }

  private final SpecificDatumWriter<FaceCrop> writer = new SpecificDatumWriter<>(FaceCrop.class);
  private final SpecificDatumReader<FaceCrop> reader = new SpecificDatumReader<>(FaceCrop.class);

  @Override
  public Serializer<PendingCrop> serializer() {
    return (topic, pending) -> pending == null ? null : write(pending);
  }

  @Override
  public Deserializer<PendingCrop> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  byte[] write(PendingCrop pending) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + 2600);
    out.write(VERSION);
    out.writeBytes(ByteBuffer.allocate(16).putLong(pending.enqueuedAtMs()).putLong(pending.recordTimestamp()).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      synchronized (writer) {
        writer.write(pending.crop(), encoder);
      }
      encoder.flush();
    } catch (IOException e) {
      throw new SerializationException("cannot encode pending crop", e);
    }
    return out.toByteArray();
  }

  PendingCrop read(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != VERSION) {
      throw new SerializationException("not a pending crop of format version " + VERSION);
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 1, 16);
    long enqueuedAt = header.getLong();
    long recordTimestamp = header.getLong();
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
      FaceCrop crop;
      synchronized (reader) {
        crop = reader.read(null, decoder);
      }
      // seq is the store key; the processor puts it back when it reloads the store.
      return new PendingCrop(-1, crop, CropValidator.pixels(crop), recordTimestamp, enqueuedAt);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode pending crop", e);
    }
  }
}
