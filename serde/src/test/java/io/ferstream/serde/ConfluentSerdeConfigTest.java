package io.ferstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.serde.client.RetryPolicy;
import io.ferstream.serde.subject.RecordNameStrategy;
import io.ferstream.serde.subject.TopicNameStrategy;
import io.ferstream.serde.subject.TopicRecordNameStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConfluentSerdeConfigTest {

  @Test
  void shouldDefaultLikeConfluent() {
    ConfluentSerdeConfig config = new ConfluentSerdeConfig(Map.of("schema.registry.url", "http://r:8081"));

    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.latestCompatibilityStrict()).isTrue();
    assertThat(config.specificAvroReader()).isFalse();
    assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
    assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
    assertThat(config.basicAuthCredentials()).isEmpty();
    assertThat(config.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(config.latestCacheTtl()).isEmpty();
  }

  @Test
  void shouldAcceptStrategiesAsConfluentNamesOrClasses() {
    ConfluentSerdeConfig config = new ConfluentSerdeConfig(Map.of(
        "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
        "value.subject.name.strategy", TopicRecordNameStrategy.class));

    assertThat(config.subjectNameStrategy(true)).isInstanceOf(RecordNameStrategy.class);
    assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicRecordNameStrategy.class);
  }

  @Test
  void shouldValidateSettings() {
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("schema.registry.url", "localhost:8081")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("value.subject.name.strategy", "Nope")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown subject name strategy");
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("max.retries", -1))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new ConfluentSerdeConfig(Map.of("schema.registry.url", "mock://a,http://b:1")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldReadCredentialsFromUserInfoOrUrl() {
    assertThat(new ConfluentSerdeConfig(Map.of("schema.registry.url", "http://r:8081",
        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "fer:pw")).basicAuthCredentials())
        .hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("fer"));
    assertThat(new ConfluentSerdeConfig(Map.of("schema.registry.url", "http://a:1,http://fer:pw@b:2"))
        .basicAuthCredentials()).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("fer"));
    assertThat(new ConfluentSerdeConfig(Map.of("schema.registry.url", "http://r:1",
        "schema.registry.basic.auth.credentials.source", "USER_INFO",
        "schema.registry.basic.auth.user.info", "pre:fixed")).basicAuthCredentials())
        .as("Confluent's schema.registry.-prefixed client keys")
        .hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("pre"));
  }

  @Test
  void shouldBuildTheRetryPolicy() {
    ConfluentSerdeConfig config = new ConfluentSerdeConfig(Map.of("max.retries", "5", "retries.wait.ms", "50",
        "retries.max.wait.ms", "400"));

    assertThat(config.retryPolicy()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400)));
  }

  @Test
  void shouldDocumentEveryKeyInTheReadme() throws IOException {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme);

    for (String key : ConfluentSerdeConfig.configDef().names()) {
      assertThat(text).as("serde/README.md documents %s", key).contains("`" + key + "`");
    }
  }
}
