package io.ferstream.classifier.topology;

import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.FaceCrop;

/** Builds the {@link EmotionEvent} of a scored crop. Class order is the model's: Angry, Fear, Happy, Sad, Surprise, Neutral. */
public final class EmotionEvents {

  private static final Emotion[] ORDER = {
      Emotion.ANGRY, Emotion.FEAR, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISE, Emotion.NEUTRAL};

  private EmotionEvents() {}

  public static EmotionEvent from(ScoredCrop scored) {
    FaceCrop crop = scored.pending().crop();
    float[] p = scored.probabilities();
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return EmotionEvent.newBuilder()
        .setCropId(crop.getCropId())
        .setSessionId(crop.getSessionId())
        .setFrameTimestamp(crop.getFrameTimestamp())
        .setFrameNumber(crop.getFrameNumber())
        .setIngestTimestamp(crop.getIngestTimestamp())
        .setClassifiedTimestamp(java.time.Instant.ofEpochMilli(scored.classifiedAtMs()))
        .setProbabilities(EmotionProbabilities.newBuilder()
            .setAngry(p[0]).setFear(p[1]).setHappy(p[2]).setSad(p[3]).setSurprise(p[4]).setNeutral(p[5])
            .build())
        .setPredicted(ORDER[best])
        .setConfidence(p[best])
        .setModelReleaseId(scored.releaseId())
        .setEnsembleSize(scored.ensembleSize())
        .setBatchSize(scored.batchSize())
        .setQueueDelayMs(scored.queueDelayMs())
        .setTrackId(crop.getTrackId())
        .setLabel(crop.getLabel())
        .build();
  }
}
