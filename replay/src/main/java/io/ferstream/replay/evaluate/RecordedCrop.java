package io.ferstream.replay.evaluate;

import java.util.Comparator;

/**
 * A recorded crop with its ground truth, ready to score.
 *
 * @param cropId      the crop's id
 * @param sessionId   its session
 * @param frameNumber its frame within the session
 * @param faceIndex   its face within the frame
 * @param timestamp   the record timestamp, epoch ms
 * @param pixels      48x48 grayscale bytes, exactly as recorded
 * @param label       the true class index (model output order)
 * @param fromFeedback true when the label came from labelled-feedback, false when from the crop itself
 */
public record RecordedCrop(String cropId, String sessionId, long frameNumber, int faceIndex, long timestamp,
    byte[] pixels, int label, boolean fromFeedback) {

  /**
   * The scoring order: session, frame, face, crop id. It does not depend on the order partitions were read in, so
   * two replays of the same records batch them identically; for a FER2013 replay ({@code ingest fer2013}: sessions
   * of consecutive rows named {@code fer2013-0001}...) it is the order of the rows in the file, the order offline
   * {@code ferstream evaluate} scores them in.
   */
  public static final Comparator<RecordedCrop> SCORING_ORDER = Comparator.comparing(RecordedCrop::sessionId)
      .thenComparingLong(RecordedCrop::frameNumber)
      .thenComparingInt(RecordedCrop::faceIndex)
      .thenComparing(RecordedCrop::cropId);
}
