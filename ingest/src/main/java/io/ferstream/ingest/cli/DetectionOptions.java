package io.ferstream.ingest.cli;

import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.Cascade;
import io.ferstream.ingest.detect.DetectorSettings;
import picocli.CommandLine.Option;

/** Face detection, cropping and tracking options of the frame sources (video, camera, url, images). */
public class DetectionOptions {

  @Option(names = "--detector", paramLabel = "CASCADE", defaultValue = "haar-alt2",
      description = "OpenCV cascade: haar-alt2 (default), haar-default, haar-alt, lbp-improved, lbp.")
  String detector;

  @Option(names = "--min-face", paramLabel = "PX", defaultValue = "40",
      description = "Smallest face side in frame pixels (default ${DEFAULT-VALUE}).")
  int minFace;

  @Option(names = "--min-neighbors", paramLabel = "N", defaultValue = "4",
      description = "Overlapping detections needed to keep a face; higher: fewer false faces (default "
          + "${DEFAULT-VALUE}).")
  int minNeighbors;

  @Option(names = "--scale-factor", paramLabel = "F", defaultValue = "1.1",
      description = "Detection pyramid step (default ${DEFAULT-VALUE}); larger is faster and misses more.")
  double scaleFactor;

  @Option(names = "--detect-width", paramLabel = "PX", defaultValue = "640",
      description = "Frames wider than this are downscaled for detection (crops still come from the full "
          + "frame); 0: never (default ${DEFAULT-VALUE}).")
  int detectWidth;

  @Option(names = "--margin", paramLabel = "FRACTION", defaultValue = "0.0",
      description = "Extra border around the detected face, as a fraction of its side on each side. 0 (default) "
          + "frames crops like FER2013's.")
  double margin = CropMaker.DEFAULT_MARGIN;

  @Option(names = "--no-tracking", description = "Do not track faces across frames (crops get no track id).")
  boolean noTracking;

  DetectorSettings settings() {
    return new DetectorSettings(Cascade.parse(detector), scaleFactor, minNeighbors, minFace, detectWidth);
  }
}
