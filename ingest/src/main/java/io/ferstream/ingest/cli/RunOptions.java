package io.ferstream.ingest.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of every ingest command: session, pacing, limits, dry run, tags. */
public class RunOptions {

  @Option(names = "--session", paramLabel = "ID",
      description = "Session id (the record key). Default: derived from the file (stable across runs) or, for live "
          + "sources, from the device and start time. For fer2013 and synthetic: the prefix of the session ids.")
  String session;

  @Option(names = "--realtime", negatable = true,
      description = "Pace frames by their timestamps, as the camera recorded them (default: on for synthetic, off "
          + "otherwise: as fast as possible). Live sources are real-time anyway.")
  Boolean realtime;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1.0",
      description = "Playback speed with --realtime (2: twice as fast). Default ${DEFAULT-VALUE}.")
  double speed;

  @Option(names = "--start-time", paramLabel = "WHEN", defaultValue = "now",
      description = "Wall-clock time of the source's first frame: now (default), file (the container's "
          + "creation_time, else the file's modification time), an ISO-8601 instant or epoch milliseconds.")
  String startTime;

  @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0",
      description = "Stop after N source frames (0: no limit).")
  long maxFrames;

  @Option(names = "--dry-run", description = "Detect and crop, publish nothing (no Kafka needed).")
  boolean dryRun;

  @Option(names = "--save-crops", paramLabel = "DIR",
      description = "Also write every crop as a PNG under DIR/<session>/, to look at what is published.")
  Path saveCrops;

  @Option(names = "--tag", paramLabel = "KEY=VALUE",
      description = "Metadata added to every crop's producer map as tag.KEY. Repeatable.")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--no-progress", description = "No progress bar (the summary is still printed).")
  boolean noProgress;

  boolean realtime(boolean byDefault) {
    return realtime != null ? realtime : byDefault;
  }
}
