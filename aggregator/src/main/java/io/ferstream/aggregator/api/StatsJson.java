package io.ferstream.aggregator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.SessionEmotionStats;
import java.util.Map;

/**
 * The JSON form of a {@link SessionEmotionStats}, shared by the REST API and the dashboard's push events so that
 * both speak the same shape:
 *
 * <pre>{@code
 * {"sessionId":"cam-1","windowType":"TUMBLING","windowStart":1700000000000,"windowEnd":1700000010000,
 *  "eventCount":3,"faceCount":1,
 *  "counts":{"ANGRY":0,"FEAR":0,"HAPPY":2,"SAD":0,"SURPRISE":0,"NEUTRAL":1},
 *  "probabilities":{"ANGRY":0.01,"FEAR":0.02,"HAPPY":0.6,"SAD":0.05,"SURPRISE":0.02,"NEUTRAL":0.3},
 *  "dominant":"HAPPY","valence":0.55,"updated":1700000012345}
 * }</pre>
 *
 * <p>{@code counts} and {@code probabilities} always hold every class of {@link Emotion}, in enum order (a class
 * with no event has count 0). Times are epoch milliseconds. Stateless and thread-safe.
 */
public final class StatsJson {

  /** The mapper every caller may share (thread-safe once configured; this one is never reconfigured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private StatsJson() {}

  /** The JSON object of {@code stats}. */
  public static ObjectNode toJson(SessionEmotionStats stats) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("sessionId", stats.getSessionId());
    node.put("windowType", stats.getWindowType().name());
    node.put("windowStart", stats.getWindowStart().toEpochMilli());
    node.put("windowEnd", stats.getWindowEnd().toEpochMilli());
    node.put("eventCount", stats.getEventCount());
    node.put("faceCount", stats.getFaceCount());
    ObjectNode counts = node.putObject("counts");
    Map<String, Long> byClass = stats.getCountsByClass();
    for (Emotion emotion : Emotion.values()) {
      Long count = byClass == null ? null : lookup(byClass, emotion.name());
      counts.put(emotion.name(), count == null ? 0L : count);
    }
    ObjectNode probabilities = node.putObject("probabilities");
    EmotionProbabilities mean = stats.getMeanProbabilities();
    for (Emotion emotion : Emotion.values()) {
      probabilities.put(emotion.name(), probability(mean, emotion));
    }
    node.put("dominant", stats.getDominant().name());
    node.put("valence", stats.getValence());
    node.put("updated", stats.getUpdatedTimestamp().toEpochMilli());
    return node;
  }

  /** {@code stats} as a compact JSON string. */
  public static String toJsonString(SessionEmotionStats stats) {
    return toJson(stats).toString();
  }

  /** The probability of {@code emotion} in {@code p}. */
  public static float probability(EmotionProbabilities p, Emotion emotion) {
    return switch (emotion) {
      case ANGRY -> p.getAngry();
      case FEAR -> p.getFear();
      case HAPPY -> p.getHappy();
      case SAD -> p.getSad();
      case SURPRISE -> p.getSurprise();
      case NEUTRAL -> p.getNeutral();
    };
  }

  // Avro may hand map keys back as Utf8 rather than String; compare by text.
  private static Long lookup(Map<? extends CharSequence, Long> map, String key) {
    Long direct = map.get(key);
    if (direct != null) {
      return direct;
    }
    for (Map.Entry<? extends CharSequence, Long> e : map.entrySet()) {
      if (e.getKey().toString().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }
}
