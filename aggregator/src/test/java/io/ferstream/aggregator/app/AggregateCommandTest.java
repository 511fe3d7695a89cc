package io.ferstream.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.aggregator.config.AggregatorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AggregateCommandTest {

  private static AggregatorConfig parse(Map<String, String> env, String... args) {
    AggregateCommand command = new AggregateCommand();
    new CommandLine(command).parseArgs(args);
    command.config.withEnvironment(env);
    return command.settings();
  }

  @Test
  void shouldTakeItsOwnFlagsDashDKeysAndEnvironmentVariables() {
    AggregatorConfig c = parse(Map.of("FERSTREAM_WINDOW_HOPPING_ADVANCE_MS", "5000",
            "FERSTREAM_APPLICATION_ID", "from-env"),
        "--http-port", "0", "--tumbling-ms", "2000", "--grace-ms", "1000", "--state-dir", "/var/agg",
        "-D", "processing.guarantee=at_least_once", "--bootstrap-servers", "kafka:9092");

    assertThat(c.httpPort()).isZero();
    assertThat(c.tumblingSize()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.grace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.hoppingAdvance()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.stateDir()).isEqualTo("/var/agg");
    assertThat(c.applicationId()).isEqualTo("from-env");
    assertThat(c.exactlyOnce()).isFalse();
    assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void shouldDefaultToPort8086AndBeNamedAggregate() {
    assertThat(parse(Map.of()).httpPort()).isEqualTo(8086);
    assertThat(new CommandLine(new AggregateCommand()).getCommandName()).isEqualTo("aggregate");
  }
}
