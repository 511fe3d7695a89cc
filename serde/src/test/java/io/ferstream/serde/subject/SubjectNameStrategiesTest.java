package io.ferstream.serde.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SubjectNameStrategiesTest {

  private static final Schema CROP = SchemaBuilder.record("FaceCrop").namespace("io.ferstream.schemas")
      .fields().requiredString("cropId").endRecord();

  @ParameterizedTest
  @CsvSource({
      "io.confluent.kafka.serializers.subject.TopicNameStrategy, face-crops-value",
      "io.confluent.kafka.serializers.subject.RecordNameStrategy, io.ferstream.schemas.FaceCrop",
      "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, face-crops-io.ferstream.schemas.FaceCrop",
      "io.ferstream.serde.subject.TopicNameStrategy, face-crops-value",
      "io.ferstream.serde.subject.RecordNameStrategy, io.ferstream.schemas.FaceCrop",
      "io.ferstream.serde.subject.TopicRecordNameStrategy, face-crops-io.ferstream.schemas.FaceCrop",
      "TopicNameStrategy, face-crops-value",
      "topic, face-crops-value",
      "record, io.ferstream.schemas.FaceCrop",
      "topic-record, face-crops-io.ferstream.schemas.FaceCrop",
  })
  void shouldResolveConfluentOwnAndShortNames(String name, String expectedSubject) {
    assertThat(SubjectNameStrategies.resolve(name).subjectName("face-crops", false, CROP)).isEqualTo(expectedSubject);
  }

  @Test
  void shouldNameKeySubjectsWithKeySuffix() {
    assertThat(new TopicNameStrategy().subjectName("face-crops", true, CROP)).isEqualTo("face-crops-key");
  }

  @Test
  void shouldNamePrimitiveSchemasByType() {
    assertThat(new RecordNameStrategy().subjectName("t", true, Schema.create(Schema.Type.STRING))).isEqualTo("string");
  }

  @Test
  void shouldInstantiateCustomStrategies() {
    assertThat(SubjectNameStrategies.resolve(UpperCaseStrategy.class.getName()).subjectName("t", false, CROP))
        .isEqualTo("T");
  }

  @Test
  void shouldRejectUnknownStrategies() {
    assertThatThrownBy(() -> SubjectNameStrategies.resolve("com.example.Nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown subject name strategy");
    assertThatThrownBy(() -> SubjectNameStrategies.resolve(String.class.getName()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not implement");
  }

  public static class UpperCaseStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
      return topic.toUpperCase();
    }
  }
}
