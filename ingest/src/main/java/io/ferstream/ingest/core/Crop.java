package io.ferstream.ingest.core;

import io.ferstream.schemas.Emotion;
import java.util.Objects;

/**
 * One 48x48 grayscale face crop, ready to publish, with where it came from. The Avro {@code FaceCrop} is built
 * from it at publish time (crop id, ingest time and producer metadata are the publisher's business).
 *
 * @param sessionId the session (one video source or simulated stream); also the record key
 * @param frameNumber 0-based index of the frame within its session
 * @param faceIndex 0-based index of the face among those found in the frame (left to right)
 * @param frameTimestampMillis when the frame was captured, epoch milliseconds
 * @param trackId the face's track across frames, or null when not tracked
 * @param box where the face is in the frame, or null for sources that are already crops
 * @param pixels {@link #SIDE}x{@link #SIDE} grayscale bytes, row-major, top row first
 * @param label ground truth when the source knows it, else null
 * @param sourceRef where in the source this crop came from (a file name, a CSV line), or null
 */
public record Crop(String sessionId, long frameNumber, int faceIndex, long frameTimestampMillis, String trackId,
                   FaceBox box, byte[] pixels, Emotion label, String sourceRef) {

  /** Side of every crop, as in FER2013 and as the classifier takes. */
  public static final int SIDE = 48;
  /** Pixels of every crop. */
  public static final int PIXELS = SIDE * SIDE;

  public Crop {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != PIXELS) {
      throw new IllegalArgumentException("a crop has " + PIXELS + " pixels, not " + pixels.length);
    }
    if (frameNumber < 0 || faceIndex < 0) {
      throw new IllegalArgumentException("frame number and face index are 0-based");
    }
  }
}
