package io.ferstream.ingest.detect;

/**
 * How a cascade detector runs.
 *
 * @param cascade which bundled cascade
 * @param scaleFactor image pyramid step (1.1: 10% per level; larger is faster and misses more)
 * @param minNeighbors overlapping hits needed to keep a face (higher: fewer false positives, lower recall)
 * @param minFace smallest face side in frame pixels; smaller faces carry less detail than a 48x48 crop
 * @param detectWidth frames wider than this are downscaled before detection (speed); 0 never downscales
 */
public record DetectorSettings(Cascade cascade, double scaleFactor, int minNeighbors, int minFace, int detectWidth) {

  /** Chosen on FER2013 faces and opencv-doc footage; see docs/ingest.md. */
  public static DetectorSettings defaults() {
    return new DetectorSettings(Cascade.HAAR_ALT2, 1.1, 4, 40, 640);
  }

  public DetectorSettings {
    if (scaleFactor <= 1.0) {
      throw new IllegalArgumentException("scale factor must be > 1, was " + scaleFactor);
    }
    if (minNeighbors < 0 || minFace < 1 || detectWidth < 0) {
      throw new IllegalArgumentException("min neighbors >= 0, min face >= 1 and detect width >= 0");
    }
  }

  public DetectorSettings withCascade(Cascade c) {
    return new DetectorSettings(c, scaleFactor, minNeighbors, minFace, detectWidth);
  }

  public DetectorSettings withMinNeighbors(int n) {
    return new DetectorSettings(cascade, scaleFactor, n, minFace, detectWidth);
  }

  public DetectorSettings withMinFace(int px) {
    return new DetectorSettings(cascade, scaleFactor, minNeighbors, px, detectWidth);
  }

  public DetectorSettings withDetectWidth(int px) {
    return new DetectorSettings(cascade, scaleFactor, minNeighbors, minFace, px);
  }

  public DetectorSettings withScaleFactor(double f) {
    return new DetectorSettings(cascade, f, minNeighbors, minFace, detectWidth);
  }
}
