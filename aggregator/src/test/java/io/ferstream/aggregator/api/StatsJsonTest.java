package io.ferstream.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.aggregator.testing.Events;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsJsonTest {

  private static SessionEmotionStats stats() {
    return SessionEmotionStats.newBuilder()
        .setSessionId("cam-1").setWindowType(WindowType.HOPPING)
        .setWindowStart(Instant.ofEpochMilli(1_000)).setWindowEnd(Instant.ofEpochMilli(61_000))
        .setEventCount(4).setFaceCount(2)
        .setCountsByClass(Map.of("HAPPY", 3L, "SAD", 1L))
        .setMeanProbabilities(Events.probs(0, 0, 0.75, 0.25, 0, 0))
        .setDominant(Emotion.HAPPY).setValence(0.55f).setUpdatedTimestamp(Instant.ofEpochMilli(99_000))
        .build();
  }

  @Test
  void shouldRenderEveryFieldWithEpochMillisAndEveryClass() throws Exception {
    ObjectNode json = StatsJson.toJson(stats());

    assertThat(json.fieldNames()).toIterable().containsExactly("sessionId", "windowType", "windowStart",
        "windowEnd", "eventCount", "faceCount", "counts", "probabilities", "dominant", "valence", "updated");
    assertThat(json.get("sessionId").asText()).isEqualTo("cam-1");
    assertThat(json.get("windowType").asText()).isEqualTo("HOPPING");
    assertThat(json.get("windowStart").asLong()).isEqualTo(1_000);
    assertThat(json.get("windowEnd").asLong()).isEqualTo(61_000);
    assertThat(json.get("eventCount").asLong()).isEqualTo(4);
    assertThat(json.get("faceCount").asInt()).isEqualTo(2);
    List<String> classes = List.of("ANGRY", "FEAR", "HAPPY", "SAD", "SURPRISE", "NEUTRAL");
    assertThat(json.get("counts").fieldNames()).toIterable().containsExactlyElementsOf(classes);
    assertThat(json.get("counts").get("HAPPY").asLong()).isEqualTo(3);
    assertThat(json.get("counts").get("ANGRY").asLong()).isZero();
    assertThat(json.get("probabilities").fieldNames()).toIterable().containsExactlyElementsOf(classes);
    assertThat(json.get("probabilities").get("HAPPY").asDouble()).isEqualTo(0.75);
    assertThat(json.get("dominant").asText()).isEqualTo("HAPPY");
    assertThat(json.get("valence").floatValue()).isEqualTo(0.55f);
    assertThat(json.get("updated").asLong()).isEqualTo(99_000);

    // The string form parses back to the same text (float nodes re-read as doubles, hence the text compare).
    JsonNode parsed = StatsJson.MAPPER.readTree(StatsJson.toJsonString(stats()));
    assertThat(parsed.toString()).isEqualTo(json.toString());
  }
}
