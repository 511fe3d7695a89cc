package io.ferstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic schema evolves under BACKWARD compatibility: a consumer built with the current
 * schema must read every record written with any earlier version kept in {@code schemas/history}.
 * Before changing a schema, copy the released version to {@code history/<Name>/v<N+1>.avsc}.
 */
class SchemaEvolutionTest {

  /** The value schema of every topic, by record name. */
  static final Map<String, Schema> TOPIC_SCHEMAS = Map.of(
      "FaceCrop", FaceCrop.getClassSchema(),
      "EmotionEvent", EmotionEvent.getClassSchema(),
      "SessionEmotionStats", SessionEmotionStats.getClassSchema(),
      "LabelledFeedback", LabelledFeedback.getClassSchema(),
      "ModelRelease", ModelRelease.getClassSchema());

  static final Path HISTORY = Paths.get("history");

  static Stream<Arguments> historicalVersions() throws IOException {
    List<Arguments> versions = new ArrayList<>();
    for (String name : TOPIC_SCHEMAS.keySet()) {
      try (Stream<Path> files = Files.list(HISTORY.resolve(name))) {
        files.filter(f -> f.toString().endsWith(".avsc")).sorted()
            .forEach(f -> versions.add(Arguments.of(name, f)));
      }
    }
    return versions.stream();
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @MethodSource("historicalVersions")
  void shouldReadEveryHistoricalVersionWithTheCurrentSchema(String name, Path oldVersion) throws IOException {
    Schema writer = new Schema.Parser().parse(oldVersion.toFile());
    Schema reader = TOPIC_SCHEMAS.get(name);

    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

    assertThat(result.getType())
        .as("%s must stay BACKWARD compatible with %s: %s", name, oldVersion, result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldKeepAtLeastOneHistoricalVersionOfEveryTopicSchema() {
    for (String name : TOPIC_SCHEMAS.keySet()) {
      assertThat(HISTORY.resolve(name).resolve("v1.avsc")).as(name).exists();
    }
  }

  @Test
  void shouldRejectAnIncompatibleChangeSoTheCheckIsNotVacuous() {
    // A new required field without a default cannot be filled in from old records.
    Schema old = FaceCrop.getClassSchema();
    Schema broken = SchemaBuilder.record("FaceCrop").namespace("io.ferstream.schemas").fields()
        .requiredString("cropId").requiredString("brandNewRequiredField").endRecord();

    var result = SchemaCompatibility.checkReaderWriterCompatibility(broken, old);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldDocumentEveryRecordAndField() {
    Set<String> seen = new HashSet<>();
    TOPIC_SCHEMAS.values().forEach(s -> assertDocumented(s, seen));
    assertThat(seen).contains("io.ferstream.schemas.BoundingBox", "io.ferstream.schemas.EmotionProbabilities");
  }

  private static void assertDocumented(Schema schema, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        assertThat(schema.getDoc()).as("doc of %s", schema.getFullName()).isNotBlank();
        for (Schema.Field field : schema.getFields()) {
          assertThat(field.doc()).as("doc of %s.%s", schema.getFullName(), field.name()).isNotBlank();
          assertDocumented(field.schema(), seen);
        }
      }
      case ENUM -> {
        if (seen.add(schema.getFullName())) {
          assertThat(schema.getDoc()).as("doc of %s", schema.getFullName()).isNotBlank();
        }
      }
      case UNION -> schema.getTypes().forEach(t -> assertDocumented(t, seen));
      case ARRAY -> assertDocumented(schema.getElementType(), seen);
      case MAP -> assertDocumented(schema.getValueType(), seen);
      default -> { }
    }
  }

  @Test
  void shouldListTheSixClassesInModelOutputOrder() {
    assertThat(Emotion.getClassSchema().getEnumSymbols())
        .containsExactly("ANGRY", "FEAR", "HAPPY", "SAD", "SURPRISE", "NEUTRAL");
  }
}
