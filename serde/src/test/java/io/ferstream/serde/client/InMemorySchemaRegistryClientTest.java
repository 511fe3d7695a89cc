package io.ferstream.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  private static final Schema V1 = SchemaBuilder.record("Ping").fields().requiredString("id").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Ping").fields().requiredString("id")
      .name("count").type().intType().intDefault(0).endRecord();
  private static final Schema V2_NO_DEFAULT = SchemaBuilder.record("Ping").fields().requiredString("id")
      .requiredInt("count").endRecord();

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldShareIdsAcrossSubjectsAndNumberVersions() {
    int id = registry.register("a", V1);

    assertThat(registry.register("b", V1)).isEqualTo(id);
    assertThat(registry.register("a", V1)).isEqualTo(id);
    assertThat(registry.register("a", V2)).isNotEqualTo(id);
    assertThat(registry.getLatestSchemaMetadata("a").version()).isEqualTo(2);
    assertThat(registry.lookup("a", V1).version()).isEqualTo(1);
    assertThat(registry.getAllSubjects()).containsExactly("a", "b");
  }

  @Test
  void shouldRefuseIncompatibleSchemas() {
    registry.register("a", V1);

    assertThat(registry.testCompatibility("a", V2_NO_DEFAULT)).isFalse();
    assertThatThrownBy(() -> registry.register("a", V2_NO_DEFAULT))
        .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));

    registry.updateCompatibility("a", CompatibilityLevel.NONE);
    assertThat(registry.register("a", V2_NO_DEFAULT)).isPositive();
  }

  @Test
  void shouldAnswerWithConfluentsErrors() {
    registry.register("a", V1);

    assertThatThrownBy(() -> registry.lookup("missing", V1)).isInstanceOf(SubjectNotFoundException.class);
    assertThatThrownBy(() -> registry.lookup("a", V2)).isInstanceOf(SchemaNotFoundException.class);
    assertThatThrownBy(() -> registry.getSchemaMetadata("a", 9)).isInstanceOf(VersionNotFoundException.class);
    assertThatThrownBy(() -> registry.getSchemaById(999)).isInstanceOf(SchemaNotFoundException.class);
  }

  @Test
  void shouldSoftDeleteBeforeHardDelete() {
    int id = registry.register("a", V1);

    assertThatThrownBy(() -> registry.deleteSubject("a", true)).isInstanceOf(SchemaRegistryException.class);
    assertThat(registry.deleteSubject("a", false)).containsExactly(1);
    assertThat(registry.getAllSubjects()).isEmpty();
    assertThat(registry.getSchemaById(id)).as("ids survive a soft delete").isEqualTo(V1);
    assertThat(registry.deleteSubject("a", true)).containsExactly(1);
    assertThatThrownBy(() -> registry.deleteSubject("a", false)).isInstanceOf(SubjectNotFoundException.class);
  }

  @Test
  void shouldShareAScopeBetweenMockUrls() {
    MockSchemaRegistry.dropScope("shared");
    int id = MockSchemaRegistry.getClientForScope("shared").register("a", V1);

    assertThat(MockSchemaRegistry.getClientForScope(MockSchemaRegistry.scopeOf("mock://shared")).getSchemaById(id))
        .isEqualTo(V1);
    MockSchemaRegistry.dropScope("shared");
  }
}
