package io.ferstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.client.InMemorySchemaRegistryClient;
import io.ferstream.serde.client.RegistryUnreachableException;
import io.ferstream.serde.client.SchemaRegistryException;
import io.ferstream.serde.testing.DeadPorts;
import io.ferstream.serde.testing.Samples;
import io.ferstream.serde.testing.ScriptedRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Bad input and a bad registry give typed errors, never NullPointerExceptions or raw Avro exceptions. */
class SerdeErrorTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registry);
  private final ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>(registry);

  @Test
  void shouldMapNullToNullBothWays() {
    assertThat(serializer.serialize("t", null)).isNull();
    assertThat(deserializer.deserialize("t", null)).isNull();
    SpecificAvroSerde<FaceCrop> serde = new SpecificAvroSerde<>(registry, FaceCrop.class);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThat(new ConfluentAvroSerializer<>().serialize("t", null)).as("even unconfigured").isNull();
    assertThat(registry.requestCount()).isZero();
  }

  @Test
  void shouldRejectPayloadsWithoutTheMagicByte() {
    assertThatThrownBy(() -> deserializer.deserialize("t", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("Unknown magic byte");
  }

  @Test
  void shouldRejectTooShortPayloads() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0})).isInstanceOf(PayloadTooShortException.class);
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0])).isInstanceOf(PayloadTooShortException.class);
  }

  @Test
  void shouldRejectTruncatedBodies() {
    byte[] full = serializer.serialize("t", Samples.faceCrop());
    byte[] truncated = Arrays.copyOf(full, full.length / 2);

    assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
        .isExactlyInstanceOf(SerdeException.class)
        .hasMessageContaining("schema id");
  }

  @Test
  void shouldRejectUnknownSchemaIds() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 99, 2}))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(99));
  }

  @Test
  void shouldRejectTypesAvroCannotWrite() {
    assertThatThrownBy(() -> serializer.serialize("t", new Date())).isInstanceOf(SerdeException.class)
        .hasMessageContaining("Unsupported Avro type java.util.Date");
  }

  @Test
  void shouldRejectRecordsWithMissingRequiredFields() {
    FaceCrop empty = new FaceCrop();

    assertThatThrownBy(() -> serializer.serialize("t", empty)).isInstanceOf(SerdeException.class)
        .hasMessageContaining("FaceCrop");
  }

  @Test
  void shouldRefuseToReadIntoAClassThatDoesNotExist() {
    ConfluentAvroDeserializer<Object> specific = new ConfluentAvroDeserializer<>(registry,
        Map.of(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true), false);
    byte[] bytes = serializer.serialize("t", new GenericRecordBuilder(
        SchemaBuilder.record("Gone").namespace("io.ferstream.nowhere").fields().requiredInt("x").endRecord())
        .set("x", 1).build());

    assertThatThrownBy(() -> specific.deserialize("t", bytes)).isInstanceOf(SerdeException.class)
        .hasMessageContaining("Could not find class io.ferstream.nowhere.Gone");
  }

  @Test
  void shouldReportAnUnreachableRegistryAfterRetries() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, DeadPorts.deadUrl() + "," + DeadPorts.deadUrl());
    config.put(ConfluentSerdeConfig.MAX_RETRIES_CONFIG, 2);
    config.put(ConfluentSerdeConfig.RETRIES_WAIT_MS_CONFIG, 10);
    config.put(ConfluentSerdeConfig.RETRIES_MAX_WAIT_MS_CONFIG, 20);
    ConfluentAvroSerializer<Object> producerSide = new ConfluentAvroSerializer<>();
    producerSide.configure(config, false);
    ConfluentAvroDeserializer<Object> consumerSide = new ConfluentAvroDeserializer<>();
    consumerSide.configure(config, false);

    assertThatThrownBy(() -> producerSide.serialize("t", Samples.faceCrop()))
        .isInstanceOfSatisfying(RegistryUnavailableException.class,
            e -> assertThat(e.registryError()).containsInstanceOf(RegistryUnreachableException.class))
        .hasMessageContaining("after 3 attempt(s)");
    assertThatThrownBy(() -> consumerSide.deserialize("t", new byte[] {0, 0, 0, 0, 1, 2}))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void shouldReportPersistentServerErrorsAsUnavailable() {
    try (ScriptedRegistry failing = ScriptedRegistry.start()) {
      failing.otherwise(503, "{\"error_code\":50003,\"message\":\"forwarding to the leader failed\"}");
      ConfluentAvroSerializer<Object> producerSide = new ConfluentAvroSerializer<>();
      producerSide.configure(Map.of(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, failing.url(),
          ConfluentSerdeConfig.MAX_RETRIES_CONFIG, 1, ConfluentSerdeConfig.RETRIES_WAIT_MS_CONFIG, 1), false);

      assertThatThrownBy(() -> producerSide.serialize("t", "x"))
          .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> assertThat(e.registryError())
              .hasValueSatisfying(r -> assertThat(r.errorCode()).isEqualTo(SchemaRegistryException.FORWARDING_ERROR)));
      assertThat(failing.requests()).hasSize(2);
    }
  }

  @Test
  void shouldSendBasicAuthCredentialsFromConfiguration() {
    String expected = "Basic " + Base64.getEncoder().encodeToString("fer:s3cret".getBytes(StandardCharsets.UTF_8));
    try (ScriptedRegistry secured = ScriptedRegistry.start()) {
      secured.otherwise(200, "{\"id\":1}");

      ConfluentAvroSerializer<Object> userInfo = new ConfluentAvroSerializer<>();
      userInfo.configure(Map.of(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, secured.url(),
          ConfluentSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO",
          ConfluentSerdeConfig.USER_INFO_CONFIG, "fer:s3cret"), false);
      userInfo.serialize("t", "x");
      ConfluentAvroSerializer<Object> fromUrl = new ConfluentAvroSerializer<>();
      fromUrl.configure(Map.of(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
          secured.url().replace("http://", "http://fer:s3cret@")), false);
      fromUrl.serialize("t", "x");

      assertThat(secured.requests()).hasSize(2)
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(expected));
    }
  }

  @Test
  void shouldRequireARegistryUrlWhenNoClientIsGiven() {
    assertThatThrownBy(() -> new ConfluentAvroSerializer<>().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> new ConfluentAvroDeserializer<>().deserialize("t", new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(SerdeException.class).hasMessageContaining("not configured");
  }
}
