package io.ferstream.replay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.classifier.release.DefaultRelease;
import io.ferstream.model.cli.EvaluateCommand;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.model.eval.ReportWriter;
import io.ferstream.replay.cli.ReplayCommand;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The acceptance measurement: the first N (default 2,000) FER2013 PublicTest rows are recorded on a topic
 * with ingest's fer2013 source, replayed through the default release with {@code replay evaluate}, and scored
 * offline by {@code ferstream evaluate --limit N} on the same rows; accuracy, confusion matrix (so every class's
 * hits and misses) and calibration must be identical. Both sides use the same engine choice: offline {@code
 * --engine samediff} (SameDiff checked against DL4J, else DL4J) against the classifier's {@code auto}, or {@code
 * dl4j} on both ({@code -Dferstream.replay.engine=dl4j}). {@code -Dferstream.replay.rows=N} changes N. Skipped
 * without the data set or a release in {@code releases/}.
 */
class Fer2013ReplayMatchesOfflineEvaluateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ClusterTest
  void shouldReproduceOfflineEvaluateAccuracyOnTheSameRows(KafkaCluster cluster) throws Exception {
    Path csv = Fer2013Recording.csv().orElse(null);
    Assumptions.assumeTrue(csv != null, "FER2013 CSV not found (" + Fer2013Recording.CSV_CANDIDATES
        + " or -Dferstream.fer2013.csv): the data set is not redistributable and CI does not have it");
    Path releases = Path.of("../releases");
    Assumptions.assumeTrue(Files.isDirectory(releases) && hasBundle(releases),
        "no release bundle in ../releases to replay with");
    Path bundle = Path.of(DefaultRelease.resolve(releases).origin());
    int rows = Integer.getInteger("ferstream.replay.rows", 2000);
    String offlineEngine = System.getProperty("ferstream.replay.engine", "samediff");
    String replayEngine = offlineEngine.equals("samediff") ? "auto" : offlineEngine;

    // Offline: ferstream evaluate on the first N PublicTest rows.
    Path offlineOut = dir.resolve("offline");
    long t0 = System.nanoTime();
    int offlineExit = run(new CommandLine(new EvaluateCommand()), "--release", bundle.toString(), "--data",
        csv.toString(), "--usage", "PublicTest", "--limit", Integer.toString(rows), "--engine", offlineEngine,
        "--out", offlineOut.toString());
    double offlineSeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(offlineExit).isZero();

    // Record the same rows on a topic, as `ferstream ingest fer2013 --usage PublicTest --limit N` does.
    Fer2013Data data = Fer2013Reader.builder().usages(Usage.PUBLIC_TEST).disgustPolicy(DisgustPolicy.DROP)
        .limit(Usage.PUBLIC_TEST, rows).build().read(csv);
    String topic = cluster.uniqueTopic("face-crops");
    cluster.createTopic(topic, 6);
    Fer2013Recording.publish(cluster, topic, data);

    // Replay them.
    Path replayOut = dir.resolve("replay");
    t0 = System.nanoTime();
    int replayExit = run(new CommandLine(new ReplayCommand()), "evaluate", "--bootstrap-servers",
        cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(), "--topic", topic,
        "--from", "earliest", "--to", "latest", "--release", bundle.toString(), "--engine", replayEngine,
        "--labels", "crop", "--out", replayOut.toString());
    double replaySeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(replayExit).isZero();

    JsonNode offline = JSON.readTree(offlineOut.resolve(ReportWriter.JSON).toFile());
    JsonNode replay = JSON.readTree(replayOut.resolve(ReportWriter.JSON).toFile());
    String summary = String.format(Locale.ROOT, "FER2013 PublicTest first %d rows, release %s, engines offline %s / "
            + "replay %s (%s)%n  offline evaluate: n=%d accuracy=%.6f macroF1=%.6f ece=%.6f (%.0f s)%n"
            + "  replay evaluate:  n=%d accuracy=%.6f macroF1=%.6f ece=%.6f (%.0f s incl. reading; %.1f images/s)%n",
        rows, bundle.getFileName(), offline.path("metadata").path("engine").asText(offlineEngine), replayEngine,
        replay.path("metadata").path("engine").asText(), offline.get("examples").asInt(),
        offline.get("accuracy").asDouble(), offline.get("macroF1").asDouble(), offline.get("ece").asDouble(),
        offlineSeconds, replay.get("examples").asInt(), replay.get("accuracy").asDouble(),
        replay.get("macroF1").asDouble(), replay.get("ece").asDouble(), replaySeconds,
        replay.get("examplesPerSecond").asDouble());
    System.out.print(summary);
    Files.writeString(Path.of("target", "fer2013-replay-vs-offline.txt"), summary);

    assertThat(replay.get("examples").asInt()).isEqualTo(data.size()).isEqualTo(offline.get("examples").asInt());
    assertThat(replay.get("accuracy").asDouble()).isEqualTo(offline.get("accuracy").asDouble());
    assertThat(replay.get("confusionMatrix")).isEqualTo(offline.get("confusionMatrix"));
    assertThat(replay.get("macroF1").asDouble()).isEqualTo(offline.get("macroF1").asDouble());
  }

  private static boolean hasBundle(Path releases) throws Exception {
    try (var files = Files.list(releases)) {
      return files.anyMatch(p -> p.toString().endsWith(".zip"));
    }
  }

  private static int run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(System.err, true));
    int exit = cli.execute(args);
    System.out.println(out);
    return exit;
  }
}
