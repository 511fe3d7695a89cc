package io.ferstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code ferstream demo} in-process, as the README's first command does: the whole pipeline with the default
 * release and the synthetic source, on free ports and a temporary data directory. Checks that the dashboard answers
 * and that statistics of every synthetic session arrive through the REST API, then stops it cleanly.
 */
@Tag("integration")
class DemoCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void shouldRunTheWholePipelineAndShowTheSyntheticSessionsOnTheDashboard() throws Exception {
    Path releases = Path.of(System.getProperty("ferstream.repo.root", "..")).resolve("releases");
    Assumptions.assumeTrue(hasBundle(releases), "no release bundle in " + releases.toAbsolutePath());

    CommandLine cli = FerStreamCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("demo", "--port", "0",
        "--data-dir", dataDir.toString(), "--release", releases.toString()));
    try {
      await().atMost(Duration.ofMinutes(4)).until(() -> out.toString().contains("Press Ctrl-C") || exit.isDone());
      assertThat(exit).as("demo output:%n%s", out).isNotDone();
      String url = find(out.toString(), "Dashboard\\s+(http://\\S+)");
      assertThat(url).isEqualTo(demo.dashboardUrl.get());
      assertThat(out.toString()).containsPattern("Kafka\\s+\\S+:\\d+").containsPattern("Schema Registry\\s+http://")
          .contains("synthetic faces: 3 sessions");

      HttpResponse<String> page = get(url);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>FerStream");
      HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(url + "events")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = stream.body()) {
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("text/event-stream"));
      }

      // The synthetic source plays 3 people at 2 crops/s; the classifier scores them, the aggregator counts them.
      Map<String, Long> events = new HashMap<>();
      await("statistics of every synthetic session").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions().until(() -> {
            events.clear();
            JsonNode sessions = JSON.readTree(get(url + "api/sessions").body()).path("sessions");
            for (JsonNode s : sessions) {
              events.put(s.path("sessionId").asText(), s.path("total").path("eventCount").asLong());
            }
            return events.keySet().containsAll(java.util.List.of("synthetic-01", "synthetic-02", "synthetic-03"))
                && events.values().stream().allMatch(n -> n >= 5);
          });
      assertThat(events).hasSize(3);
    } finally {
      demo.runner.requestStop();
    }
    assertThat(exit.get(3, TimeUnit.MINUTES)).as("demo output:%n%s", out).isZero();
  }

  @Test
  void shouldRefuseTwoSourcesAtOnce() {
    CommandLine cli = FerStreamCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("demo", "--video", "a.mp4", "--fer2013", "b.csv")).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  void shouldRefuseToWipeADirectoryThatHoldsMoreThanADemosData() throws Exception {
    Path notes = Files.writeString(dataDir.resolve("notes.txt"), "keep me");
    Files.createDirectories(dataDir.resolve("stack"));
    CommandLine cli = FerStreamCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("demo", "--data-dir", dataDir.toString())).isEqualTo(1);

    assertThat(err.toString()).contains("holds more than a demo's data ([notes.txt])");
    assertThat(notes).hasContent("keep me");
    assertThat(dataDir.resolve("stack")).isDirectory();
  }

  @Test
  void shouldPrintHelp() {
    CommandLine cli = FerStreamCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("demo", "--help")).isZero();
    assertThat(out.toString()).contains("Usage:", "--video", "--fer2013", "--port");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean hasBundle(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".zip"));
    }
  }

  private static String find(String output, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(output);
    assertThat(m.find()).as("output has %s:%n%s", pattern, output).isTrue();
    return m.group(1);
  }
}
