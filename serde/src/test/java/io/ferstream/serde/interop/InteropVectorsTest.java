package io.ferstream.serde.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.ConfluentAvroDeserializer;
import io.ferstream.serde.ConfluentAvroSerializer;
import io.ferstream.serde.ConfluentSerdeConfig;
import io.ferstream.serde.client.InMemorySchemaRegistryClient;
import io.ferstream.serde.testing.AvroJson;
import io.ferstream.serde.testing.InteropVector;
import io.ferstream.serde.testing.Samples;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop without node: bytes that Confluent's own JavaScript serializer wrote (committed under
 * src/test/resources/interop/vectors by {@code node interop.js vectors}) are read by our deserializer, and
 * our serializer writes exactly those bytes again from the same values.
 */
class InteropVectorsTest {

  static List<InteropVector> vectors() {
    return InteropVector.all();
  }

  private static InMemorySchemaRegistryClient registryHolding(InteropVector vector) {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.register(vector.subject(), vector.schema(), vector.schemaId());
    return registry;
  }

  @Test
  void shouldHaveAVectorPerCase() {
    assertThat(vectors()).extracting(InteropVector::name)
        .containsExactly("all-types", "emotion-event", "face-crop", "raw-bytes", "session-key");
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void shouldReadBytesWrittenByConfluentsJavaScriptSerializer(InteropVector vector) {
    ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>(registryHolding(vector),
        Map.of(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, vector.specific()), vector.isKey());

    Object read = deserializer.deserialize(vector.topic(), vector.bytes());

    assertThat(AvroJson.toJson(read, read instanceof GenericContainer c ? c.getSchema() : vector.schema()))
        .isEqualTo(AvroJson.normalize(vector.value(), vector.schema()));
    if (vector.name().equals("face-crop")) {
      assertThat(read).isInstanceOf(FaceCrop.class).isEqualTo(Samples.faceCrop());
    }
    if (vector.name().equals("emotion-event")) {
      assertThat(read).isInstanceOf(EmotionEvent.class).isEqualTo(Samples.emotionEvent());
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void shouldWriteTheSameBytesAsConfluentsJavaScriptSerializer(InteropVector vector) {
    ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registryHolding(vector),
        Map.of(ConfluentSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false), vector.isKey());

    byte[] written = serializer.serialize(vector.topic(), AvroJson.fromJson(vector.value(), vector.schema()));

    assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(vector.bytes()));
  }

  @Test
  void shouldWriteTheVectorsBytesFromTheGeneratedClasses() {
    for (InteropVector vector : List.of(InteropVector.named("face-crop"), InteropVector.named("emotion-event"))) {
      ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registryHolding(vector),
          Map.of(ConfluentSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false), false);
      Object sample = vector.name().equals("face-crop") ? Samples.faceCrop() : Samples.emotionEvent();

      assertThat(HexFormat.of().formatHex(serializer.serialize(vector.topic(), sample)))
          .as(vector.name()).isEqualTo(HexFormat.of().formatHex(vector.bytes()));
    }
  }
}
