package io.ferstream.serde.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.ConfluentAvroDeserializer;
import io.ferstream.serde.ConfluentAvroSerializer;
import io.ferstream.serde.ConfluentSerdeConfig;
import io.ferstream.serde.ConfluentWireFormat;
import io.ferstream.serde.client.CachedSchemaRegistryClient;
import io.ferstream.serde.testing.AvroJson;
import io.ferstream.serde.testing.InteropVector;
import io.ferstream.serde.testing.Samples;
import io.ferstream.serde.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Interop with an independent implementation, live: Confluent's JavaScript serde
 * ({@code @confluentinc/schemaregistry}, run by node) and ours, through ferstream-registry's embedded
 * Schema Registry. Each direction checks every field.
 * Skipped, with the reason, where node or the node dependencies are missing; InteropVectorsTest checks the
 * same claim from committed bytes without node.
 */
@Tag("interop")
class ConfluentJsInteropTest {

  private static NodeInterop node;
  private static TestRegistry registry;

  @TempDir
  static Path schemas;

  @BeforeAll
  static void start() {
    StringBuilder whyNot = new StringBuilder();
    node = NodeInterop.locate(whyNot);
    Assumptions.assumeTrue(node != null, whyNot::toString);
    registry = TestRegistry.start(TestRegistry.Kind.EMBEDDED);
    LoggerFactory.getLogger(ConfluentJsInteropTest.class).info("Interop through the {} registry", registry);
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  /** The schema each case of src/test/node/cases.js is written with: the generated classes' current ones. */
  private static Schema schemaOf(String caseName) {
    return switch (caseName) {
      case "face-crop" -> FaceCrop.getClassSchema();
      case "emotion-event" -> EmotionEvent.getClassSchema();
      case "all-types" -> Samples.resourceSchema("/interop/schemas/AllTypes.avsc");
      case "session-key" -> Schema.create(Schema.Type.STRING);
      case "raw-bytes" -> Schema.create(Schema.Type.BYTES);
      default -> throw new IllegalArgumentException(caseName);
    };
  }

  /** The Java value matching each JavaScript case. */
  private static Object javaValueOf(String caseName) {
    return switch (caseName) {
      case "face-crop" -> Samples.faceCrop();
      case "emotion-event" -> Samples.emotionEvent();
      case "session-key" -> "session-\u03a9";
      case "raw-bytes" -> new byte[] {0, 1, 2, (byte) 253, (byte) 254, (byte) 255};
      default -> AvroJson.fromJson(InteropVector.named(caseName).value(), schemaOf(caseName));
    };
  }

  private static boolean isKey(String caseName) {
    return caseName.equals("session-key");
  }

  private static boolean isSpecific(String caseName) {
    return caseName.equals("face-crop") || caseName.equals("emotion-event");
  }

  private static Map<String, Object> config(Object... more) {
    Map<String, Object> config = new java.util.HashMap<>(Map.of(
        ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(), ConfluentSerdeConfig.MAX_RETRIES_CONFIG, 0));
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }

  @ParameterizedTest
  @ValueSource(strings = {"face-crop", "emotion-event", "all-types", "session-key", "raw-bytes"})
  void shouldReadWhatConfluentsJavaScriptSerializerWrote(String caseName) throws Exception {
    String topic = caseName + "-" + UUID.randomUUID();
    Path schemaFile = Files.writeString(schemas.resolve(caseName + ".avsc"), schemaOf(caseName).toString());

    JsonNode produced = node.run("produce", registry.url(), caseName, topic, schemaFile.toString());

    byte[] bytes = HexFormat.of().parseHex(produced.path("hex").asText());
    ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
    deserializer.configure(config(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, isSpecific(caseName)),
        isKey(caseName));
    Object read = deserializer.deserialize(topic, bytes);

    assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(
        CachedSchemaRegistryClient.forUrl(registry.url()).getLatestSchemaMetadata(produced.path("subject").asText()).id());
    Schema schema = read instanceof GenericContainer c ? c.getSchema() : schemaOf(caseName);
    assertThat(AvroJson.toJson(read, schema)).as("every field, as JavaScript wrote it")
        .isEqualTo(AvroJson.normalize(produced.get("value"), schemaOf(caseName)));
    if (isSpecific(caseName)) {
      assertThat(read).isEqualTo(javaValueOf(caseName));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"face-crop", "emotion-event", "all-types", "session-key", "raw-bytes"})
  void shouldWriteWhatConfluentsJavaScriptDeserializerReads(String caseName) throws Exception {
    String topic = caseName + "-" + UUID.randomUUID();
    Object value = javaValueOf(caseName);
    ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(config(), isKey(caseName));

    byte[] bytes = serializer.serialize(topic, value);
    JsonNode consumed = node.run("consume", registry.url(), topic, isKey(caseName) ? "KEY" : "VALUE",
        HexFormat.of().formatHex(bytes));

    assertThat(AvroJson.normalize(consumed.get("value"), schemaOf(caseName))).as("every field, as JavaScript read it")
        .isEqualTo(AvroJson.toJson(value, schemaOf(caseName)));
  }
}
