package io.ferstream.ingest.core;

/** Kinds of bad input ingest counts and reports instead of failing on. */
public enum Problem {
  CORRUPT_FRAME("frames decoded with errors (FFmpeg concealed the damage)"),
  UNDECODABLE_FRAME("frames that could not be decoded at all (skipped)"),
  TIMESTAMP_REPAIRED("frames whose timestamp went backward (replaced by the previous + 1/fps)"),
  FRAME_SIZE_CHANGED("frame size changes mid-stream"),
  TRUNCATED("sources that ended before the length their container announced"),
  DETECTION_FAILED("frames on which face detection or cropping failed (skipped)"),
  UNREADABLE_IMAGE("images that could not be read (skipped)"),
  IMAGE_TOO_SMALL("frames or images smaller than the smallest detectable face (skipped)"),
  IMAGE_RESIZED("images of another size than 48x48 taken as crops (centre square, resized)"),
  LIVE_FRAME_DROPPED("live frames dropped because detection was slower than the source"),
  ROW_SKIPPED("FER2013 rows skipped (Disgust dropped)");

  private final String description;

  Problem(String description) {
    this.description = description;
  }

  /** What the count of this problem means, for the summary. */
  public String description() {
    return description;
  }
}
