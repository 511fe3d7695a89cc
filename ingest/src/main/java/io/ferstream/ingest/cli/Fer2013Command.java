package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.source.Fer2013Source;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fer2013", mixinStandardHelpOptions = true,
    description = {"Replays FER2013 as labelled crops: each row one crop with its label, consecutive rows grouped "
        + "into simulated sessions that run side by side.",
        "Example: ferstream ingest fer2013 ../shared/fer2013/fer2013-train-publictest.csv.gz --usage PublicTest"})
class Fer2013Command extends AbstractIngestCommand {

  /** Where the project keeps the data set, relative to the repository root. */
  static final String SHARED_CSV = "../shared/fer2013/fer2013-train-publictest.csv.gz";

  @Parameters(index = "0", arity = "0..1", paramLabel = "CSV",
      description = "fer2013.csv or .csv.gz (default: " + SHARED_CSV + " next to the FerStream checkout).")
  Path csv;

  @Option(names = "--usage", paramLabel = "SPLIT", split = ",",
      description = "Splits to replay: Training, PublicTest, PrivateTest (default: all in the file).")
  List<String> usages;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      description = "At most N rows of each split (0: all).")
  int limit;

  @Option(names = "--disgust", paramLabel = "POLICY", defaultValue = "drop",
      description = "FER2013's Disgust rows: drop (default) or merge (into Angry).")
  String disgust;

  @Option(names = "--session-size", paramLabel = "N", defaultValue = "60",
      description = "Rows per simulated session (default ${DEFAULT-VALUE}).")
  int sessionSize;

  @Option(names = "--concurrent", paramLabel = "K", defaultValue = "4",
      description = "Sessions running side by side, one crop each per tick (default ${DEFAULT-VALUE}).")
  int concurrent;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "5",
      description = "Ticks per second of the simulated clock (default ${DEFAULT-VALUE}).")
  double fps;

  private Path resolved;

  @Override
  protected Source open(IngestStats stats) throws IOException {
    resolved = csv != null ? csv : defaultCsv().orElseThrow(() -> new IllegalArgumentException(
        "give the FER2013 CSV (fer2013.csv or .csv.gz); it is not at " + SHARED_CSV));
    Fer2013Reader.Builder reader = Fer2013Reader.builder()
        .disgustPolicy(parseDisgust(disgust))
        .usages(parseUsages(usages));
    if (limit > 0) {
      reader.limitPerUsage(limit);
    }
    Fer2013Data data = reader.build().read(resolved);
    stats.problems(Problem.ROW_SKIPPED, data.droppedDisgust(),
        data.droppedDisgust() + " Disgust rows dropped (--disgust merge keeps them, as Angry)");
    if (data.size() == 0) {
      throw new IOException(resolved + " has no rows of " + parseUsages(usages));
    }
    Map<String, String> meta = sourceMetadata("fer2013", resolved.toAbsolutePath().toString());
    meta.put("fer2013.sha256", data.sha256());
    meta.put("fer2013.disgust", data.disgustPolicy().name().toLowerCase());
    String prefix = run.session != null ? run.session : "fer2013";
    return new Fer2013Source(data, prefix, sessionSize, concurrent, fps,
        StartTime.resolve(run.startTime, started, Optional::empty).toEpochMilli(), meta);
  }

  static Optional<Path> defaultCsv() {
    String home = System.getProperty("ferstream.home", System.getProperty("ferstream.repo.root", "."));
    Path candidate = Path.of(home).resolve(SHARED_CSV).normalize();
    return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  static DisgustPolicy parseDisgust(String text) {
    return switch (text.toLowerCase()) {
      case "drop" -> DisgustPolicy.DROP;
      case "merge", "merge_into_angry", "angry" -> DisgustPolicy.MERGE_INTO_ANGRY;
      default -> throw new IllegalArgumentException("--disgust must be drop or merge, was '" + text + "'");
    };
  }

  static Set<Usage> parseUsages(List<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.allOf(Usage.class);
    }
    EnumSet<Usage> set = EnumSet.noneOf(Usage.class);
    names.forEach(n -> set.add(Usage.parse(n.trim())));
    return set;
  }

  @Override
  protected String describeSource() {
    return "fer2013 " + (resolved != null ? resolved : csv);
  }
}
