package io.ferstream.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.client.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private final FerStreamConfig config = new FerStreamConfig(Map.of(
      FerStreamConfig.TOPIC_FACE_CROPS, "crops-under-test", FerStreamConfig.SCHEMA_REGISTRY_URL, "http://unused:1"));

  @Test
  void shouldNameTopicsFromConfigurationAndRoundTripAvroThroughTheirSerdes() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    Topics topics = Topics.from(config, registry, Topics.serdeConfig(config));
    FaceCrop crop = FaceCrop.newBuilder()
        .setCropId("c1").setSessionId("s1").setFrameTimestamp(java.time.Instant.ofEpochMilli(1000))
        .setFrameNumber(7).setFaceIndex(0).setPixels(ByteBuffer.wrap(new byte[48 * 48]))
        .setLabel(Emotion.HAPPY).setIngestTimestamp(java.time.Instant.ofEpochMilli(2000)).build();

    byte[] bytes = topics.faceCrops().valueSerde().serializer().serialize(topics.faceCrops().name(), crop);
    FaceCrop back = topics.faceCrops().valueSerde().deserializer().deserialize(topics.faceCrops().name(), bytes);

    assertThat(topics.faceCrops().name()).isEqualTo("crops-under-test");
    assertThat(bytes[0]).as("Confluent magic byte").isZero();
    assertThat(back).isEqualTo(crop);
    assertThat(topics.emotionEvents().name()).isEqualTo("emotion-events");
    assertThat(topics.faceCropsDlq().name()).isEqualTo("face-crops-dlq");
    assertThat(topics.emotionEventsDlq().name()).isEqualTo("emotion-events-dlq");
  }
}
