package io.ferstream.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ferstream.serde.testing.ScriptedRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {

  private static final Schema SCHEMA = SchemaBuilder.record("Ping").namespace("io.ferstream.test")
      .fields().requiredString("id").endRecord();
  private static final String SCHEMA_JSON = SCHEMA.toString().replace("\"", "\\\"");

  private final ScriptedRegistry registry = ScriptedRegistry.start();
  private final CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
      RegistryRestService.builder().url(registry.url()).retryPolicy(RetryPolicy.NONE).build());

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldRegisterOnceAndAnswerFromCacheAfterwards() {
    registry.reply(200, "{\"id\":7}");

    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.getId("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.getSchemaById(7)).isEqualTo(SCHEMA);

    assertThat(registry.requests()).extracting(ScriptedRegistry.Request::method, ScriptedRegistry.Request::pathAndQuery)
        .containsExactly(tuple("POST", "/subjects/pings-value/versions"));
    assertThat(registry.requests().get(0).body()).isEqualTo("{\"schema\":\"" + SCHEMA_JSON + "\"}");
  }

  @Test
  void shouldCacheSchemasById() {
    registry.reply(200, "{\"schema\":\"" + SCHEMA_JSON + "\"}");

    assertThat(client.getSchemaById(3)).isEqualTo(SCHEMA);
    assertThat(client.getSchemaById(3)).isEqualTo(SCHEMA);

    assertThat(registry.requests()).extracting(ScriptedRegistry.Request::pathAndQuery).containsExactly("/schemas/ids/3");
  }

  @Test
  void shouldLookUpWithoutRegistering() {
    registry.reply(200, "{\"subject\":\"pings-value\",\"id\":4,\"version\":2,\"schema\":\"" + SCHEMA_JSON + "\"}");

    SchemaMetadata metadata = client.lookup("pings-value", SCHEMA);

    assertThat(metadata).isEqualTo(new SchemaMetadata("pings-value", 4, 2, SCHEMA.toString()));
    assertThat(client.getId("pings-value", SCHEMA)).isEqualTo(4);
    assertThat(registry.requests()).extracting(ScriptedRegistry.Request::method, ScriptedRegistry.Request::pathAndQuery)
        .containsExactly(tuple("POST", "/subjects/pings-value"));
  }

  @Test
  void shouldCallConfluentsEndpoints() {
    String metadata = "{\"subject\":\"a b\",\"id\":4,\"version\":2,\"schema\":\"" + SCHEMA_JSON + "\"}";
    registry.reply(200, metadata)
        .reply(200, metadata)
        .reply(200, "[\"a b\",\"c\"]")
        .reply(200, "{\"is_compatible\":true}")
        .reply(200, "{\"compatibilityLevel\":\"BACKWARD\"}")
        .reply(200, "{\"compatibility\":\"FULL\"}")
        .reply(200, "{\"compatibilityLevel\":\"FORWARD\"}")
        .reply(200, "{\"compatibility\":\"NONE\"}")
        .reply(200, "[1,2]")
        .reply(200, "[1,2]");

    assertThat(client.getLatestSchemaMetadata("a b").version()).isEqualTo(2);
    assertThat(client.getSchemaMetadata("a b", 2).avroSchema()).isEqualTo(SCHEMA);
    assertThat(client.getSchemaMetadata("a b", 2).id()).as("versions are cached").isEqualTo(4);
    assertThat(client.getAllSubjects()).containsExactly("a b", "c");
    assertThat(client.testCompatibility("a b", SCHEMA)).isTrue();
    assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.updateGlobalCompatibility(CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);
    assertThat(client.getCompatibility("a b")).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(client.updateCompatibility("a b", CompatibilityLevel.NONE)).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.deleteSubject("a b", false)).containsExactly(1, 2);
    assertThat(client.deleteSubject("a b", true)).containsExactly(1, 2);

    assertThat(registry.requests()).extracting(ScriptedRegistry.Request::method, ScriptedRegistry.Request::pathAndQuery)
        .containsExactly(
            tuple("GET", "/subjects/a%20b/versions/latest"),
            tuple("GET", "/subjects/a%20b/versions/2"),
            tuple("GET", "/subjects"),
            tuple("POST", "/compatibility/subjects/a%20b/versions/latest"),
            tuple("GET", "/config"),
            tuple("PUT", "/config"),
            tuple("GET", "/config/a%20b?defaultToGlobal=true"),
            tuple("PUT", "/config/a%20b"),
            tuple("DELETE", "/subjects/a%20b"),
            tuple("DELETE", "/subjects/a%20b?permanent=true"));
    assertThat(registry.requests().get(5).body()).isEqualTo("{\"compatibility\":\"FULL\"}");
  }

  @Test
  void shouldForgetASubjectsIdsWhenItIsDeleted() {
    registry.reply(200, "{\"id\":7}").reply(200, "[1]").reply(200, "{\"id\":8}");

    client.register("pings-value", SCHEMA);
    client.deleteSubject("pings-value", false);

    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(8);
    assertThat(registry.requests()).hasSize(3);
  }

  @Test
  void shouldRefuseNonAvroSchemas() {
    registry.reply(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.getSchemaById(9))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("PROTOBUF");
  }
}
