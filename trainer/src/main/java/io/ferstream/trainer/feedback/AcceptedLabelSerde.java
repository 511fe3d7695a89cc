package io.ferstream.trainer.feedback;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AcceptedLabel} in the dedupe store and its changelog: each of label, labeller and pixel hash as a 4-byte
 * length and the bytes (strings in UTF-8).
 */
final class AcceptedLabelSerde implements Serde<AcceptedLabel> {

  @Override
  public Serializer<AcceptedLabel> serializer() {
    return (topic, accepted) -> {
      if (accepted == null) {
        return null;
      }
      byte[] label = accepted.label().getBytes(StandardCharsets.UTF_8);
      byte[] labeller = accepted.labeller().getBytes(StandardCharsets.UTF_8);
      byte[] hash = accepted.pixelsSha256();
      return ByteBuffer.allocate(12 + label.length + labeller.length + hash.length)
          .putInt(label.length).put(label).putInt(labeller.length).put(labeller).putInt(hash.length).put(hash)
          .array();
    };
  }

  @Override
  public Deserializer<AcceptedLabel> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        ByteBuffer in = ByteBuffer.wrap(data);
        String label = new String(chunk(in), StandardCharsets.UTF_8);
        String labeller = new String(chunk(in), StandardCharsets.UTF_8);
        return new AcceptedLabel(label, labeller, chunk(in));
      } catch (BufferUnderflowException | IllegalArgumentException e) {
        throw new SerializationException("Not an AcceptedLabel record (" + data.length + " bytes)", e);
      }
    };
  }

  private static byte[] chunk(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad length " + length);
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }
}
