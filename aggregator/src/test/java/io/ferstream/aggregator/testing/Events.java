package io.ferstream.aggregator.testing;

import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import java.time.Instant;
import java.util.UUID;

/** Builds EmotionEvents for tests. */
public final class Events {

  /** 2026-01-01T00:00:00Z: a multiple of every window size the tests use. */
  public static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private Events() {}

  /** Probabilities in Emotion order: angry, fear, happy, sad, surprise, neutral. */
  public static EmotionProbabilities probs(double angry, double fear, double happy, double sad, double surprise,
      double neutral) {
    return EmotionProbabilities.newBuilder().setAngry((float) angry).setFear((float) fear).setHappy((float) happy)
        .setSad((float) sad).setSurprise((float) surprise).setNeutral((float) neutral).build();
  }

  public static EmotionEvent event(String session, long frameTime, long frame, String trackId,
      EmotionProbabilities p, Emotion predicted) {
    return EmotionEvent.newBuilder()
        .setCropId(UUID.randomUUID().toString())
        .setSessionId(session)
        .setFrameTimestamp(Instant.ofEpochMilli(frameTime))
        .setFrameNumber(frame)
        .setIngestTimestamp(Instant.ofEpochMilli(frameTime + 5))
        .setClassifiedTimestamp(Instant.ofEpochMilli(frameTime + 50))
        .setProbabilities(p)
        .setPredicted(predicted)
        .setConfidence(Math.max(p.getHappy(), p.getNeutral()))
        .setModelReleaseId("test-release")
        .setEnsembleSize(1)
        .setBatchSize(1)
        .setTrackId(trackId)
        .build();
  }

  /** A happy event (P(happy) = 1) on track "t". */
  public static EmotionEvent happy(String session, long frameTime) {
    return event(session, frameTime, frameTime / 40, "t", probs(0, 0, 1, 0, 0, 0), Emotion.HAPPY);
  }
}
