package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.SessionIds;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.VideoInput;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "camera", mixinStandardHelpOptions = true,
    description = {"Detects faces in a camera's frames (Video4Linux2) and publishes their crops until Ctrl-C.",
        "Example: ferstream ingest camera 0 --fps 5 --session desk-cam"})
class CameraCommand extends FrameCommand {

  @Parameters(index = "0", paramLabel = "DEVICE", defaultValue = "0",
      description = "Camera index (0 = /dev/video0) or device path. Default ${DEFAULT-VALUE}.")
  String device;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "5",
      description = "Frames per second to process (default ${DEFAULT-VALUE}); frames detection cannot keep up with "
          + "are dropped, never queued.")
  double fps;

  @Option(names = "--width", paramLabel = "PX", defaultValue = "0", description = "Capture width (0: camera's).")
  int width;

  @Option(names = "--height", paramLabel = "PX", defaultValue = "0", description = "Capture height (0: camera's).")
  int height;

  @Option(names = "--camera-fps", paramLabel = "N", defaultValue = "0",
      description = "Capture frame rate to ask the camera for (0: camera's).")
  double cameraFps;

  @Override
  protected Source open(IngestStats stats) throws IOException {
    VideoInput input = VideoInput.camera(device, width, height, cameraFps);
    FFmpegFrameSource frames = FFmpegFrameSource.open(input, stats);
    try {
      String session = run.session != null ? run.session : SessionIds.forLive("camera", input.target(), started);
      return detecting(frames, fps, session, StartTime.resolve(run.startTime, started, Optional::empty), null, null,
          sourceMetadata("camera", input.target()), stats);
    } catch (RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  @Override
  protected String describeSource() {
    return "camera " + device;
  }
}
