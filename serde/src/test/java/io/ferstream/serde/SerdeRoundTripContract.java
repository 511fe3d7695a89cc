package io.ferstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.client.CachedSchemaRegistryClient;
import io.ferstream.serde.client.SchemaNotFoundException;
import io.ferstream.serde.client.SchemaRegistryClient;
import io.ferstream.serde.client.SubjectNotFoundException;
import io.ferstream.serde.testing.Samples;
import io.ferstream.serde.testing.TestRegistry;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Serialize/deserialize round trips through a registry over HTTP, run by subclasses against module
 * ferstream-registry's embedded registry and against this module's in-memory stand-in.
 */
abstract class SerdeRoundTripContract {

  /** The registry these round trips go through. */
  abstract TestRegistry.Kind kind();

  private TestRegistry registry;
  private String topic;

  @BeforeEach
  void startRegistry() {
    registry = TestRegistry.start(kind());
    topic = "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    config.put(ConfluentSerdeConfig.MAX_RETRIES_CONFIG, 0);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      config.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return config;
  }

  private <T> ConfluentAvroSerializer<T> serializer(boolean isKey, Object... keysAndValues) {
    ConfluentAvroSerializer<T> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(config(keysAndValues), isKey);
    return serializer;
  }

  private <T> ConfluentAvroDeserializer<T> deserializer(Object... keysAndValues) {
    ConfluentAvroDeserializer<T> deserializer = new ConfluentAvroDeserializer<>();
    deserializer.configure(config(keysAndValues), false);
    return deserializer;
  }

  private SchemaRegistryClient client() {
    return CachedSchemaRegistryClient.forUrl(registry.url());
  }

  @Test
  void shouldRoundTripSpecificRecords() {
    FaceCrop crop = Samples.faceCrop();
    EmotionEvent event = Samples.emotionEvent();

    byte[] cropBytes = this.<FaceCrop>serializer(false).serialize(topic, crop);
    byte[] eventBytes = this.<EmotionEvent>serializer(false).serialize(topic + "-events", event);

    ConfluentAvroDeserializer<Object> specific = deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
    assertThat(specific.deserialize(topic, cropBytes)).isInstanceOf(FaceCrop.class).isEqualTo(crop);
    assertThat(specific.deserialize(topic, eventBytes)).isInstanceOf(EmotionEvent.class).isEqualTo(event);
    assertThat(cropBytes[0]).isZero();
    assertThat(ConfluentWireFormat.schemaId(cropBytes))
        .isEqualTo(client().getLatestSchemaMetadata(topic + "-value").id());
  }

  @Test
  void shouldReadSpecificBytesAsGenericRecords() {
    byte[] bytes = this.<FaceCrop>serializer(false).serialize(topic, Samples.faceCrop());

    GenericRecord record = this.<GenericRecord>deserializer().deserialize(topic, bytes);

    assertThat(record).isNotInstanceOf(FaceCrop.class);
    assertThat(record.get("cropId")).hasToString("crop-0001");
    assertThat(record.get("sessionId")).hasToString("session-\u03a9");
    assertThat(record.get("frameTimestamp")).as("no logical-type conversion for generic records, as Confluent")
        .isEqualTo(Samples.FRAME_TIME.toEpochMilli());
    assertThat(record.get("label")).hasToString("HAPPY");
    assertThat(((GenericRecord) record.get("boundingBox")).get("frameWidth")).isEqualTo(640);
    assertThat(((ByteBuffer) record.get("pixels")).remaining()).isEqualTo(48 * 48);
  }

  @Test
  void shouldRoundTripGenericRecords() {
    Schema schema = SchemaBuilder.record("Reading").namespace("io.ferstream.test").fields()
        .requiredString("sensor")
        .name("kind").type().enumeration("Kind").symbols("A", "B").noDefault()
        .name("values").type().array().items().doubleType().noDefault()
        .name("tags").type().map().values().stringType().noDefault()
        .name("note").type().unionOf().nullType().and().stringType().endUnion().nullDefault()
        .endRecord();
    GenericRecord reading = new GenericRecordBuilder(schema)
        .set("sensor", "cam-1")
        .set("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "B"))
        .set("values", List.of(1.5, -2.25))
        .set("tags", Map.of("site", "lab"))
        .set("note", null)
        .build();

    byte[] bytes = this.<GenericRecord>serializer(false).serialize(topic, reading);
    GenericRecord back = new GenericAvroSerde(client()).deserializer().deserialize(topic, bytes);

    assertThat(GenericData.get().toString(back)).isEqualTo(GenericData.get().toString(reading));
    assertThat(back.getSchema()).isEqualTo(schema);
  }

  @Test
  void shouldRoundTripAvroPrimitives() {
    ConfluentAvroSerializer<Object> serializer = serializer(true);
    ConfluentAvroDeserializer<Object> deserializer = deserializer();

    List<Object> values = List.of("text \u00e9", 42, 42L, 1.5f, 2.5d, true);
    for (int i = 0; i < values.size(); i++) {
      // One topic per type: the key subject of one topic only accepts compatible schemas.
      String typed = topic + "-" + i;
      assertThat(deserializer.deserialize(typed, serializer.serialize(typed, values.get(i)))).isEqualTo(values.get(i));
    }
    byte[] raw = {1, 2, 3};
    byte[] framed = serializer.serialize(topic, raw);
    assertThat(framed).as("top-level bytes are written raw, without Avro's length prefix").hasSize(5 + 3);
    assertThat((byte[]) deserializer.deserialize(topic, framed)).containsExactly(1, 2, 3);
    assertThat(client().getLatestSchemaMetadata(topic + "-key").schema()).isEqualTo("\"bytes\"");
  }

  @Test
  void shouldNameSubjectsWithEachStrategy() {
    String confluent = "io.confluent.kafka.serializers.subject.";
    this.<FaceCrop>serializer(false, ConfluentSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
        confluent + "TopicNameStrategy").serialize(topic + "-a", Samples.faceCrop());
    this.<FaceCrop>serializer(false, ConfluentSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
        confluent + "TopicRecordNameStrategy").serialize(topic + "-b", Samples.faceCrop());
    this.<EmotionEvent>serializer(true, ConfluentSerdeConfig.KEY_SUBJECT_NAME_STRATEGY_CONFIG,
        confluent + "TopicRecordNameStrategy").serialize(topic + "-c", Samples.emotionEvent());
    this.<String>serializer(true).serialize(topic + "-d", "session-1");
    this.<EmotionEvent>serializer(false, ConfluentSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
        io.ferstream.serde.subject.RecordNameStrategy.class).serialize(topic, Samples.emotionEvent());

    assertThat(client().getAllSubjects()).contains(
        topic + "-a-value",
        topic + "-b-io.ferstream.schemas.FaceCrop",
        topic + "-c-io.ferstream.schemas.EmotionEvent",
        topic + "-d-key",
        "io.ferstream.schemas.EmotionEvent");
  }

  @Test
  void shouldServeRepeatedRecordsFromCaches() throws Exception {
    ConfluentAvroSerializer<FaceCrop> serializer = serializer(false);
    ConfluentAvroDeserializer<FaceCrop> deserializer = deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
    deserializer.deserialize(topic, serializer.serialize(topic, Samples.faceCrop()));
    if (kind() == TestRegistry.Kind.IN_MEMORY_REST) {
      assertThat(registry.requestCount()).as("one register, one schema by id").isEqualTo(2);
    }

    // With the registry gone, only the caches can answer (max.retries=0: a registry call would fail at once).
    registry.close();
    registry = null;
    for (int i = 0; i < 10; i++) {
      assertThat(deserializer.deserialize(topic, serializer.serialize(topic, Samples.faceCrop())))
          .isEqualTo(Samples.faceCrop());
    }
  }

  @Test
  void shouldRefuseUnregisteredSchemasWhenAutoRegisterIsOff() {
    ConfluentAvroSerializer<Object> strict = serializer(false, ConfluentSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false);

    assertThatThrownBy(() -> strict.serialize(topic, Samples.faceCrop()))
        .isInstanceOfSatisfying(SchemaNotRegisteredException.class, e -> {
          assertThat(e.subject()).isEqualTo(topic + "-value");
          assertThat(e.registryError()).containsInstanceOf(SubjectNotFoundException.class);
        });

    client().register(topic + "-value", Samples.faceCropV0Schema());
    assertThatThrownBy(() -> strict.serialize(topic, Samples.faceCrop()))
        .isInstanceOfSatisfying(SchemaNotRegisteredException.class,
            e -> assertThat(e.registryError()).containsInstanceOf(SchemaNotFoundException.class));

    int id = client().register(topic + "-value", FaceCrop.getClassSchema());
    assertThat(ConfluentWireFormat.schemaId(strict.serialize(topic, Samples.faceCrop()))).isEqualTo(id);
  }

  @Test
  void shouldReadOldRecordsIntoTheNewClass() {
    byte[] old = this.<GenericRecord>serializer(false).serialize(topic, Samples.faceCropV0());

    FaceCrop crop = this.<FaceCrop>deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true)
        .deserialize(topic, old);

    assertThat(crop.getCropId()).isEqualTo("crop-old");
    assertThat(crop.getFrameTimestamp()).isEqualTo(Samples.FRAME_TIME);
    assertThat(crop.getFrameNumber()).isEqualTo(7L);
    assertThat(crop.getPixels().remaining()).isEqualTo(48 * 48);
    assertThat(crop.getWidth()).as("default of the new field").isEqualTo(48);
    assertThat(crop.getTrackId()).isNull();
    assertThat(crop.getBoundingBox()).isNull();
    assertThat(crop.getLabel()).isNull();
    assertThat(crop.getProducer()).isEmpty();
  }

  @Test
  void shouldReadIntoTheConfiguredReaderClass() {
    byte[] old = this.<GenericRecord>serializer(false).serialize(topic, Samples.faceCropV0());

    Object read = deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true,
        ConfluentSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG, FaceCrop.class.getName()).deserialize(topic, old);
    FaceCrop viaConstructor = new ConfluentAvroDeserializer<FaceCrop>(client(), FaceCrop.class).deserialize(topic, old);

    assertThat(read).isInstanceOf(FaceCrop.class).isEqualTo(viaConstructor);
    assertThatThrownBy(() -> deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG, String.class))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldWriteWithTheLatestVersion() {
    int latestId = client().register(topic + "-value", FaceCrop.getClassSchema());
    ConfluentAvroSerializer<Object> serializer = serializer(false,
        ConfluentSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false, ConfluentSerdeConfig.USE_LATEST_VERSION_CONFIG, true);

    byte[] bytes = serializer.serialize(topic, Samples.faceCropV0());

    assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(latestId);
    FaceCrop crop = this.<FaceCrop>deserializer(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true)
        .deserialize(topic, bytes);
    assertThat(crop.getCropId()).isEqualTo("crop-old");
    assertThat(crop.getHeight()).isEqualTo(48);
    assertThat(client().getAllSubjects()).as("nothing registered by the serializer").contains(topic + "-value");
    assertThat(client().getLatestSchemaMetadata(topic + "-value").version()).isEqualTo(1);
  }

  @Test
  void shouldRefuseRecordsTheLatestVersionCannotRead() {
    client().register(topic + "-value", FaceCrop.getClassSchema());
    Schema wrong = SchemaBuilder.record("FaceCrop").namespace("io.ferstream.schemas").fields()
        .requiredInt("cropId").endRecord();
    ConfluentAvroSerializer<Object> serializer = serializer(false,
        ConfluentSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false, ConfluentSerdeConfig.USE_LATEST_VERSION_CONFIG, true);

    assertThatThrownBy(() -> serializer.serialize(topic, new GenericRecordBuilder(wrong).set("cropId", 1).build()))
        .isInstanceOf(SerdeException.class)
        .hasMessageContaining("latest.compatibility.strict");
  }

  @Test
  void shouldFailOnAnUnknownSchemaId() {
    byte[] payload = {0, 0, 0x7f, 0x7f, 0x7f, 2, 'x'};

    assertThatThrownBy(() -> deserializer().deserialize(topic, payload))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
          assertThat(e.schemaId()).isEqualTo(0x7f7f7f);
          assertThat(e.registryError()).containsInstanceOf(SchemaNotFoundException.class);
        });
  }

  @Test
  void shouldRoundTripThroughTheSerdeClasses() {
    SpecificAvroSerde<FaceCrop> specific = new SpecificAvroSerde<>(FaceCrop.class);
    specific.configure(config(), false);
    GenericAvroSerde generic = new GenericAvroSerde();
    generic.configure(config(), false);
    ConfluentAvroSerde<String> keys = new ConfluentAvroSerde<>();
    keys.configure(config(), true);

    byte[] bytes = specific.serializer().serialize(topic, Samples.faceCrop());

    assertThat(specific.deserializer().deserialize(topic, bytes)).isEqualTo(Samples.faceCrop());
    assertThat(generic.deserializer().deserialize(topic, bytes).get("cropId")).hasToString("crop-0001");
    assertThat(keys.deserializer().deserialize(topic, keys.serializer().serialize(topic, "session-1")))
        .isEqualTo("session-1");
  }
}
