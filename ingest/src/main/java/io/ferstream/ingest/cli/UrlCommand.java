package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.SessionIds;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.VideoInput;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "url", mixinStandardHelpOptions = true,
    description = {"Detects faces in a network stream (RTSP, RTMP, HTTP/HLS, SRT, UDP) and publishes their crops.",
        "RTSP runs over TCP. A stream without a length is live: sampled in real time, ended by Ctrl-C.",
        "Example: ferstream ingest url rtsp://cam.local:554/stream1 --fps 5"})
class UrlCommand extends FrameCommand {

  @Parameters(index = "0", paramLabel = "URL", description = "The stream URL.")
  String url;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "5",
      description = "Frames per second to process (default ${DEFAULT-VALUE}; 0: every frame).")
  double fps;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "Network read timeout: a stream silent this long ends the run (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  protected Source open(IngestStats stats) throws IOException {
    if (!url.contains("://")) {
      throw new IllegalArgumentException("'" + url + "' is not a URL; for a file use `ferstream ingest video`");
    }
    FFmpegFrameSource frames = FFmpegFrameSource.open(VideoInput.url(url, Duration.ofSeconds(timeoutSeconds)), stats);
    try {
      String session = run.session != null ? run.session : SessionIds.forLive("url", url, started);
      return detecting(frames, fps, session, StartTime.resolve(run.startTime, started, Optional::empty), null, null,
          sourceMetadata("url", url), stats);
    } catch (RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  @Override
  protected String describeSource() {
    return "url " + url;
  }
}
