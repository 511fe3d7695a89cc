package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.source.SyntheticSource;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synthetic", mixinStandardHelpOptions = true,
    description = {"Publishes drawn faces whose expressions change over time, for demos: no file, no camera needed.",
        "Each session is one synthetic person; crops carry the drawn expression as their label.",
        "Example: ferstream ingest synthetic --sessions 3 --frames 0   (until Ctrl-C)"})
class SyntheticCommand extends AbstractIngestCommand {

  @Option(names = "--sessions", paramLabel = "K", defaultValue = "3",
      description = "People (sessions) side by side (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "300",
      description = "Frames per session; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
  long frames;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "5",
      description = "Frames per second per session (default ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Random seed: the same seed draws the same people and expressions (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  protected Source open(IngestStats stats) {
    Map<String, String> meta = sourceMetadata("synthetic", "synthetic:seed=" + seed);
    String prefix = run.session != null ? run.session : "synthetic";
    return new SyntheticSource(prefix, sessions, frames, fps, seed,
        StartTime.resolve(run.startTime, started, Optional::empty).toEpochMilli(), meta);
  }

  @Override
  protected boolean realtimeByDefault() {
    return true;
  }

  @Override
  protected String describeSource() {
    return "synthetic faces";
  }
}
