package io.ferstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.client.MockSchemaRegistry;
import io.ferstream.serde.testing.Samples;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serdes as Kafka Streams uses them: built by class name or by hand, configured through configure(map, isKey). */
class KafkaStreamsSerdeTest {

  private static final String SCOPE = "kafka-streams-serde-test";
  private static final Map<String, Object> SERDE_CONFIG =
      Map.of(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.MOCK_URL_PREFIX + SCOPE);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldCarrySpecificRecordsThroughATopology() {
    SpecificAvroSerde<FaceCrop> crops = new SpecificAvroSerde<>(FaceCrop.class);
    crops.configure(SERDE_CONFIG, false);
    SpecificAvroSerde<EmotionEvent> events = new SpecificAvroSerde<>();
    events.configure(SERDE_CONFIG, false);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("face-crops", Consumed.with(Serdes.String(), crops))
        .mapValues(crop -> EmotionEvent.newBuilder(Samples.emotionEvent()).setCropId(crop.getCropId()).build())
        .to("emotion-events", Produced.with(Serdes.String(), events));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, GenericAvroSerde.class);
    props.putAll(SERDE_CONFIG);

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<String, FaceCrop> in =
          driver.createInputTopic("face-crops", Serdes.String().serializer(), crops.serializer());
      TestOutputTopic<String, EmotionEvent> out =
          driver.createOutputTopic("emotion-events", Serdes.String().deserializer(), events.deserializer());

      in.pipeInput("session-1", Samples.faceCrop());

      EmotionEvent event = out.readValue();
      assertThat(event.getCropId()).isEqualTo("crop-0001");
      assertThat(event.getProbabilities().getSurprise()).isEqualTo(0.7f);
    }
    assertThat(MockSchemaRegistry.getClientForScope(SCOPE).getAllSubjects())
        .containsExactly("emotion-events-value", "face-crops-value");
  }
}
