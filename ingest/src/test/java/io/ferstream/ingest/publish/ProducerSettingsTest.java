package io.ferstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.ingest.config.IngestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProducerSettingsTest {

  static Map<String, Object> resolve(Map<String, String> env, String... args) {
    ConfigOptions options = new ConfigOptions().withEnvironment(env);
    new CommandLine(options).parseArgs(args);
    return options.resolve(IngestConfig.configDef());
  }

  @Test
  void shouldMakeAnIdempotentCompressedBatchingProducer() {
    Map<String, Object> resolved = resolve(Map.of(), "--bootstrap-servers", "k1:9092");
    Map<String, Object> props = ProducerSettings.producer(new IngestConfig(resolved), resolved);
    assertThat(props).containsEntry("bootstrap.servers", "k1:9092")
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "zstd")
        .containsEntry("linger.ms", 20L)
        .containsEntry("batch.size", 262144)
        .doesNotContainKey("schema.registry.url");
  }

  @Test
  void shouldPassProducerKeysThroughAndLeaveOthersOut() {
    Map<String, Object> resolved = resolve(Map.of("FERSTREAM_COMPRESSION_TYPE", "lz4"),
        "-D", "max.request.size=2097152", "-D", "auto.register.schemas=false", "-D", "topic.partitions=3",
        "-D", "acks=1");
    Map<String, Object> props = ProducerSettings.producer(new IngestConfig(resolved), resolved);
    assertThat(props).containsEntry("compression.type", "lz4")
        .containsEntry("max.request.size", "2097152")
        .containsEntry("acks", "all")
        .doesNotContainKey("topic.partitions")
        .doesNotContainKey("auto.register.schemas");
  }
}
