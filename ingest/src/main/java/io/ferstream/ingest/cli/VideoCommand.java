package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.SessionIds;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.VideoInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "video", mixinStandardHelpOptions = true,
    description = {"Detects faces in a video file (anything FFmpeg reads: mp4, mkv, avi, webm, mov, ...) and "
        + "publishes their 48x48 crops.", "Example: ferstream ingest video interview.mp4 --session s1 --fps 5"})
class VideoCommand extends FrameCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The video file.")
  Path file;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "0",
      description = "Frames per second of video to process, by timestamp (0: every frame; default ${DEFAULT-VALUE}).")
  double fps;

  @Override
  protected Source open(IngestStats stats) throws IOException {
    FFmpegFrameSource frames = FFmpegFrameSource.open(VideoInput.file(file), stats);
    try {
      Instant start = StartTime.resolve(run.startTime, started, () -> fileTime(frames));
      String session = run.session != null ? run.session : SessionIds.forFile("video", file);
      Map<String, String> meta = sourceMetadata("video", file.toAbsolutePath().toString());
      meta.put("video.codec", frames.codecName());
      meta.put("video.size", frames.width() + "x" + frames.height());
      meta.put("video.fps", String.valueOf(frames.frameRate()));
      return detecting(frames, fps, session, start, null, null, meta, stats);
    } catch (RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  /** The container's creation time, else the file's modification time. */
  private Optional<Instant> fileTime(FFmpegFrameSource frames) {
    String created = frames.creationTime();
    if (created != null) {
      try {
        return Optional.of(OffsetDateTime.parse(created).toInstant());
      } catch (DateTimeParseException e) {
        // Some muxers write local times without an offset; fall back to the file's time.
      }
    }
    try {
      return Optional.of(Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  protected String describeSource() {
    return "video " + file;
  }
}
