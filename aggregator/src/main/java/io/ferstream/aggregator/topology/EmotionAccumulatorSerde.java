package io.ferstream.aggregator.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state-store serde of {@link EmotionAccumulator}: compact JSON (short field names). JSON keeps the changelog
 * readable with any console consumer, and unknown fields are ignored so that a newer accumulator with more fields
 * can still be read by an older aggregator during a rolling upgrade.
 */
public final class EmotionAccumulatorSerde implements Serde<EmotionAccumulator> {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Override
  public Serializer<EmotionAccumulator> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return MAPPER.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("cannot write accumulator of " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<EmotionAccumulator> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, EmotionAccumulator.class);
      } catch (IOException e) {
        throw new SerializationException("cannot read accumulator of " + topic, e);
      }
    };
  }
}
