package io.ferstream.trainer.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link CropPixels} on the {@code crops-by-id} repartition topic and in the crop store: a 4-byte session-id length,
 * the session id in UTF-8, then the pixels. Internal to this topology, so no schema registry round trip.
 */
final class CropPixelsSerde implements Serde<CropPixels> {

  @Override
  public Serializer<CropPixels> serializer() {
    return (topic, crop) -> {
      if (crop == null) {
        return null;
      }
      byte[] session = crop.sessionId().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(4 + session.length + crop.pixels().length)
          .putInt(session.length).put(session).put(crop.pixels()).array();
    };
  }

  @Override
  public Deserializer<CropPixels> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      ByteBuffer in = ByteBuffer.wrap(data);
      int sessionLength = data.length >= 4 ? in.getInt() : -1;
      if (sessionLength < 0 || sessionLength > in.remaining()) {
        throw new SerializationException("Not a CropPixels record (" + data.length + " bytes)");
      }
      byte[] session = new byte[sessionLength];
      in.get(session);
      byte[] pixels = new byte[in.remaining()];
      in.get(pixels);
      return new CropPixels(new String(session, StandardCharsets.UTF_8), pixels);
    };
  }
}
