package io.ferstream.replay.audit;

import io.ferstream.replay.evaluate.Labels;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;

/**
 * One emotion event as the audit needs it.
 *
 * @param cropId      the crop scored
 * @param sessionId   its session
 * @param releaseId   the release that scored it
 * @param predicted   predicted class index
 * @param probabilities the six probabilities, model output order
 * @param timestamp   the record timestamp, epoch ms (what --from/--to and the hourly buckets use)
 * @param ownLabel    the crop's own label copied into the event, or -1
 */
public record AuditedEvent(String cropId, String sessionId, String releaseId, int predicted, float[] probabilities,
    long timestamp, int ownLabel) {

  public static AuditedEvent of(EmotionEvent e, long timestamp) {
    EmotionProbabilities p = e.getProbabilities();
    float[] probs = {p.getAngry(), p.getFear(), p.getHappy(), p.getSad(), p.getSurprise(), p.getNeutral()};
    return new AuditedEvent(e.getCropId(), e.getSessionId(), e.getModelReleaseId(), Labels.index(e.getPredicted()),
        probs, timestamp, Labels.index(e.getLabel()));
  }
}
