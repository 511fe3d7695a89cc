package io.ferstream.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.config.ConfigSources;
import io.ferstream.common.config.FerStreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConfigSourcesTest {

  @Command(name = "probe")
  static class Probe implements Runnable {
    @Mixin ConfigOptions options;

    @Override
    public void run() {}
  }

  @TempDir Path dir;

  private FerStreamConfig parse(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.options.withEnvironment(env).ferStreamConfig();
  }

  @Test
  void shouldUseDefaultsWhenNothingIsGiven() {
    FerStreamConfig config = parse(Map.of());

    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(config.getString(FerStreamConfig.TOPIC_FACE_CROPS)).isEqualTo("face-crops");
  }

  @Test
  void shouldLetFlagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
    Path file = dir.resolve("ferstream.properties");
    Files.writeString(file, "bootstrap.servers=file:1\ntopic.partitions=3\ntopic.face.crops=file-crops\n");
    Map<String, String> env = Map.of("FERSTREAM_BOOTSTRAP_SERVERS", "env:2", "FERSTREAM_TOPIC_PARTITIONS", "4");

    FerStreamConfig config = parse(env, "--config", file.toString(), "--bootstrap-servers", "flag:3");

    assertThat(config.bootstrapServers()).isEqualTo("flag:3");
    assertThat(config.getInt(FerStreamConfig.TOPIC_PARTITIONS)).isEqualTo(4);
    assertThat(config.getString(FerStreamConfig.TOPIC_FACE_CROPS)).isEqualTo("file-crops");
  }

  @Test
  void shouldReadTheFileNamedByTheEnvironmentAndSetAnyKeyWithD() throws Exception {
    Path file = dir.resolve("env.properties");
    Files.writeString(file, "topic.emotion.events=from-env-file\n");

    FerStreamConfig config = parse(Map.of("FERSTREAM_CONFIG", file.toString()), "-D", "topic.partitions=9");

    assertThat(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS)).isEqualTo("from-env-file");
    assertThat(config.getInt(FerStreamConfig.TOPIC_PARTITIONS)).isEqualTo(9);
  }

  @Test
  void shouldMapKeysToEnvironmentVariableNames() {
    assertThat(ConfigSources.envName("topic.face.crops.dlq")).isEqualTo("FERSTREAM_TOPIC_FACE_CROPS_DLQ");
    assertThat(ConfigSources.envName("batch.max-size")).isEqualTo("FERSTREAM_BATCH_MAX_SIZE");
  }

  @Test
  void shouldRejectInvalidValuesWithTheKeyInTheMessage() {
    assertThatThrownBy(() -> parse(Map.of(), "-D", "topic.partitions=0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topic.partitions");
    assertThatThrownBy(() -> parse(Map.of(), "-D", "topic.face.crops=bad name!"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topic.face.crops");
  }

  @Test
  void shouldFailClearlyOnAMissingConfigFile() {
    assertThatThrownBy(() -> parse(Map.of(), "--config", dir.resolve("nope.properties").toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
  }
}
