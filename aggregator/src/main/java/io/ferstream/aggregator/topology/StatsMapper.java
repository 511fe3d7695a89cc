package io.ferstream.aggregator.topology;

import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Turns an {@link EmotionAccumulator} into the published {@link SessionEmotionStats}: means, dominant, valence. */
public final class StatsMapper {

  /**
   * Valence of each class, in [-1, 1] (the SessionEmotionStats schema: Happy +1, Surprise +0.3, Neutral 0, the
   * negative classes below zero, Sad the most negative, Fear the least).
   */
  public static final Map<Emotion, Double> VALENCE = valences();

  private StatsMapper() {}

  private static Map<Emotion, Double> valences() {
    Map<Emotion, Double> v = new EnumMap<>(Emotion.class);
    v.put(Emotion.ANGRY, -0.7);
    v.put(Emotion.FEAR, -0.6);
    v.put(Emotion.HAPPY, 1.0);
    v.put(Emotion.SAD, -0.8);
    v.put(Emotion.SURPRISE, 0.3);
    v.put(Emotion.NEUTRAL, 0.0);
    return java.util.Collections.unmodifiableMap(v);
  }

  /** Statistics of a window [{@code start}, {@code end}). */
  public static SessionEmotionStats window(String sessionId, WindowType type, long start, long end,
      EmotionAccumulator acc) {
    return build(sessionId, type, start, end, acc);
  }

  /** Statistics of a whole session: from its first to its latest event. */
  public static SessionEmotionStats total(String sessionId, EmotionAccumulator acc) {
    return build(sessionId, WindowType.SESSION_TOTAL, acc.firstEventTime(), acc.lastEventTime(), acc);
  }

  /** The class with the highest mean probability; the first in {@link Emotion} order on a tie. */
  public static Emotion dominant(EmotionAccumulator acc) {
    Emotion best = Emotion.NEUTRAL;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (Emotion e : Emotion.values()) {
      if (acc.mean(e) > bestMean) {
        best = e;
        bestMean = acc.mean(e);
      }
    }
    return best;
  }

  /** Probability-weighted valence of the mean probabilities, clamped to [-1, 1] against rounding. */
  public static double valence(EmotionAccumulator acc) {
    double v = 0;
    for (Emotion e : Emotion.values()) {
      v += VALENCE.get(e) * acc.mean(e);
    }
    return Math.max(-1, Math.min(1, v));
  }

  private static SessionEmotionStats build(String sessionId, WindowType type, long start, long end,
      EmotionAccumulator acc) {
    return SessionEmotionStats.newBuilder()
        .setSessionId(sessionId)
        .setWindowType(type)
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(end))
        .setEventCount(acc.count())
        .setFaceCount(acc.faceCount())
        .setCountsByClass(acc.countsByClass())
        .setMeanProbabilities(EmotionProbabilities.newBuilder()
            .setAngry((float) acc.mean(Emotion.ANGRY))
            .setFear((float) acc.mean(Emotion.FEAR))
            .setHappy((float) acc.mean(Emotion.HAPPY))
            .setSad((float) acc.mean(Emotion.SAD))
            .setSurprise((float) acc.mean(Emotion.SURPRISE))
            .setNeutral((float) acc.mean(Emotion.NEUTRAL))
            .build())
        .setDominant(dominant(acc))
        .setValence((float) valence(acc))
        .setUpdatedTimestamp(Instant.ofEpochMilli(acc.updated()))
        .build();
  }
}
