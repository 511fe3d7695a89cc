package io.ferstream.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.EngineKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassifyCommandTest {

  private static ClassifierConfig parse(Map<String, String> env, String... args) {
    ClassifyCommand command = new ClassifyCommand();
    new CommandLine(command).parseArgs(args);
    command.config.withEnvironment(env);
    return command.settings();
  }

  @Test
  void shouldTakeItsOwnFlagsDashDKeysAndEnvironmentVariables() {
    ClassifierConfig c = parse(Map.of("FERSTREAM_BATCH_MAX_DELAY_MS", "80", "FERSTREAM_APPLICATION_ID", "from-env"),
        "--batch-max-size", "128", "--http-port", "-1", "--release", "/opt/releases", "--engine", "dl4j",
        "-D", "processing.guarantee=at_least_once", "--bootstrap-servers", "kafka:9092");

    assertThat(c.batchMaxSize()).isEqualTo(128);
    assertThat(c.batchMaxDelayMs()).isEqualTo(80);
    assertThat(c.applicationId()).isEqualTo("from-env");
    assertThat(c.httpPort()).isEqualTo(-1);
    assertThat(c.releaseDefaultPath()).isEqualTo("/opt/releases");
    assertThat(c.exactlyOnce()).isFalse();
    assertThat(c.inferenceEngine()).isEqualTo(EngineKind.DL4J);
    assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void shouldBeNamedClassify() {
    assertThat(new CommandLine(new ClassifyCommand()).getCommandName()).isEqualTo("classify");
  }
}
