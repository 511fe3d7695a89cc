package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.SessionIds;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.detect.WholeImageDetector;
import io.ferstream.ingest.frame.ImageFolderSource;
import io.ferstream.ingest.source.Emotions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "images", mixinStandardHelpOptions = true,
    description = {"Publishes the faces of a folder of images (jpg, png, bmp, tiff, webp, pgm, ...; sub-folders "
        + "too, in path order), each image one frame.",
        "With --crops the images are face crops already (e.g. a FER-style image-folder data set): each becomes "
            + "one crop, its centre square resized to 48x48.",
        "Example: ferstream ingest images ./faces --crops --labels-from-folders"})
class ImagesCommand extends FrameCommand {

  @Parameters(index = "0", paramLabel = "DIR", description = "The folder.")
  Path dir;

  @Option(names = "--crops", description = "The images are face crops: no detection.")
  boolean crops;

  @Option(names = "--labels-from-folders",
      description = "Label each image with the emotion its folder is named after (happy/, Surprise/, ...).")
  boolean labelsFromFolders;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "1",
      description = "Images per second of the simulated clock: spaces frame timestamps (default ${DEFAULT-VALUE}).")
  double fps;

  @Override
  protected Source open(IngestStats stats) throws IOException {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("--fps must be > 0 for images");
    }
    ImageFolderSource frames = ImageFolderSource.open(dir, fps, stats);
    try {
      String session = run.session != null ? run.session : SessionIds.forFile("images", dir);
      Map<String, String> meta = sourceMetadata("images", dir.toAbsolutePath().toString());
      meta.put("images.mode", crops ? "crops" : "detect");
      return detecting(frames, 0, session, StartTime.resolve(run.startTime, started, this::folderTime),
          crops ? new WholeImageDetector(stats) : null, labelsFromFolders ? Emotions::ofFolder : null, meta, stats,
          !crops && !detection.noTracking);
    } catch (RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  private Optional<java.time.Instant> folderTime() {
    try {
      return Optional.of(Files.getLastModifiedTime(dir).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  protected String describeSource() {
    return "images " + dir;
  }
}
