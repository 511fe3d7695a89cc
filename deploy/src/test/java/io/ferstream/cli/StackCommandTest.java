package io.ferstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code ferstream stack} and {@code ferstream topics create} in-process against a real broker. */
@Tag("integration")
class StackCommandTest {

  @TempDir Path dataDir;

  private record RunningStack(StackCommand command, CompletableFuture<Integer> exit, StringWriter out) {}

  private RunningStack startStack() {
    CommandLine cli = FerStreamCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    StackCommand stack = cli.getSubcommands().get("stack").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
        "stack", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0"));
    await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("Press Ctrl-C") || exit.isDone());
    assertThat(exit).isNotDone();
    return new RunningStack(stack, exit, out);
  }

  private static String find(String output, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(output);
    assertThat(m.find()).as("output has %s:%n%s", pattern, output).isTrue();
    return m.group(1);
  }

  @Test
  void shouldStartKafkaAndAnEmptyRegistryThenStopCleanly() throws Exception {
    RunningStack running = startStack();
    String output = running.out().toString();
    String registryUrl = find(output, "Schema Registry\\s+(http://\\S+)");
    String bootstrap = find(output, "Kafka\\s+(\\S+:\\d+)");

    HttpResponse<String> subjects = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).isEqualTo("[]");

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertThat(topics).contains("face-crops", "face-crops-dlq", "emotion-events", "emotion-events-shadow",
          "session-emotion-stats", "labelled-feedback", "model-releases");
    }
    assertThat(output).contains("face-crops", "created");

    running.command().runner.requestStop();
    assertThat(running.exit().get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void shouldCreateOnlyMissingTopicsWithTopicsCreate() throws Exception {
    RunningStack running = startStack();
    String bootstrap = find(running.out().toString(), "Kafka\\s+(\\S+:\\d+)");
    try {
      CommandLine cli = FerStreamCli.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out, true));

      int exit = cli.execute("topics", "create", "--bootstrap-servers", bootstrap,
          "-D", "topic.face.crops=extra-crops", "-D", "topic.partitions=3");

      assertThat(exit).isZero();
      assertThat(out.toString()).containsPattern("extra-crops\\s+3\\s+1\\s+created");
      assertThat(out.toString()).containsPattern("emotion-events\\s+3\\s+1\\s+exists");
    } finally {
      running.command().runner.requestStop();
      assertThat(running.exit().get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void shouldKeepTopicsAndSchemasAcrossARestart() throws Exception {
    RunningStack first = startStack();
    String registryUrl = find(first.out().toString(), "Schema Registry\\s+(http://\\S+)");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/restart-value/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).isEqualTo(200);
    first.command().runner.requestStop();
    assertThat(first.exit().get(60, TimeUnit.SECONDS)).isZero();

    RunningStack second = startStack();
    try {
      String output = second.out().toString();
      assertThat(output).containsPattern("face-crops\\s+partitions=\\d+\\s+exists");
      String url = find(output, "Schema Registry\\s+(http://\\S+)");
      HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(url + "/subjects")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(subjects.body()).isEqualTo("[\"restart-value\"]");
    } finally {
      second.command().runner.requestStop();
      assertThat(second.exit().get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void shouldPrintHelpForEveryCommand() {
    for (String[] args : new String[][] {{"--help"}, {"stack", "--help"}, {"topics", "--help"}, {"topics", "create", "--help"}}) {
      CommandLine cli = FerStreamCli.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      assertThat(cli.execute(args)).as(String.join(" ", args)).isZero();
      assertThat(out.toString()).contains("Usage:");
    }
  }
}
