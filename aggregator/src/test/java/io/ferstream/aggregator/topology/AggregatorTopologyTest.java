package io.ferstream.aggregator.topology;

import static io.ferstream.aggregator.testing.Events.T0;
import static io.ferstream.aggregator.testing.Events.event;
import static io.ferstream.aggregator.testing.Events.happy;
import static io.ferstream.aggregator.testing.Events.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.testing.TopologyFixture;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class AggregatorTopologyTest {

  private static final float EPS = 1e-6f;

  /** Three events of one session in [T0, T0+10s): two on track a, one on track b. */
  private static void sendThree(TopologyFixture f, String session) {
    f.send(event(session, T0 + 1_000, 25, "a", probs(0, 0, 0.5, 0, 0, 0.5), Emotion.HAPPY));
    f.send(event(session, T0 + 2_000, 50, "b", probs(0, 0, 0.25, 0, 0, 0.75), Emotion.NEUTRAL));
    f.send(event(session, T0 + 3_000, 75, "a", probs(0, 0, 0.75, 0.25, 0, 0), Emotion.HAPPY));
  }

  /** The hand-computed statistics of {@link #sendThree}: means happy 1.5/3, neutral 1.25/3, sad 0.25/3. */
  private static void assertThreeEventStats(SessionEmotionStats s) {
    assertThat(s.getEventCount()).isEqualTo(3);
    assertThat(s.getFaceCount()).isEqualTo(2);
    assertThat(s.getCountsByClass()).containsExactlyInAnyOrderEntriesOf(Map.of("ANGRY", 0L, "FEAR", 0L,
        "HAPPY", 2L, "SAD", 0L, "SURPRISE", 0L, "NEUTRAL", 1L));
    assertThat(s.getMeanProbabilities().getHappy()).isEqualTo(0.5f);
    assertThat(s.getMeanProbabilities().getNeutral()).isCloseTo(1.25f / 3, within(EPS));
    assertThat(s.getMeanProbabilities().getSad()).isCloseTo(0.25f / 3, within(EPS));
    assertThat(s.getMeanProbabilities().getAngry()).isZero();
    assertThat(s.getMeanProbabilities().getFear()).isZero();
    assertThat(s.getMeanProbabilities().getSurprise()).isZero();
    assertThat(s.getDominant()).isEqualTo(Emotion.HAPPY);
    // valence = 1.0 * 0.5 + (-0.8) * (0.25 / 3) + 0 * (1.25 / 3) = 0.5 - 0.0666667
    assertThat(s.getValence()).isCloseTo(0.4333333f, within(EPS));
    assertThat(s.getUpdatedTimestamp()).isEqualTo(Instant.ofEpochMilli(TopologyFixture.NOW));
  }

  private static List<SessionEmotionStats> ofType(List<SessionEmotionStats> all, WindowType type) {
    return all.stream().filter(s -> s.getWindowType() == type).collect(Collectors.toList());
  }

  @Test
  void shouldComputeTumblingWindowExactly() {
    try (TopologyFixture f = new TopologyFixture()) {
      sendThree(f, "s1");

      List<SessionEmotionStats> tumbling = ofType(f.stats.readValuesToList(), WindowType.TUMBLING);
      // Emitted on every update: 1, 2, then 3 events.
      assertThat(tumbling).extracting(SessionEmotionStats::getEventCount).containsExactly(1L, 2L, 3L);
      SessionEmotionStats last = tumbling.get(2);
      assertThat(last.getSessionId()).isEqualTo("s1");
      assertThat(last.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
      assertThat(last.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
      assertThreeEventStats(last);
      assertThat(f.tumbling().fetch("s1", T0).count()).isEqualTo(3);
    }
  }

  @Test
  void shouldStartANewTumblingWindowEveryWindowSize() {
    try (TopologyFixture f = new TopologyFixture(Map.of(AggregatorConfig.WINDOW_TUMBLING_SIZE_MS, 5_000L))) {
      f.send(happy("s1", T0 + 4_999));
      f.send(happy("s1", T0 + 5_000));
      f.send(happy("s1", T0 + 12_000));

      List<SessionEmotionStats> tumbling = ofType(f.stats.readValuesToList(), WindowType.TUMBLING);
      assertThat(tumbling).extracting(s -> s.getWindowStart().toEpochMilli() - T0)
          .containsExactly(0L, 5_000L, 10_000L);
      assertThat(tumbling).extracting(s -> s.getWindowEnd().toEpochMilli() - T0)
          .containsExactly(5_000L, 10_000L, 15_000L);
      assertThat(tumbling).extracting(SessionEmotionStats::getEventCount).containsExactly(1L, 1L, 1L);
    }
  }

  @Test
  void shouldCountEachEventInEveryHoppingWindowThatHoldsIt() {
    try (TopologyFixture f = new TopologyFixture()) {
      sendThree(f, "s1");
      f.send(happy("s1", T0 + 15_000));

      List<SessionEmotionStats> hopping = ofType(f.stats.readValuesToList(), WindowType.HOPPING);
      // The last update of each hopping window (1 min, every 10 s), by window start.
      Map<Long, SessionEmotionStats> latest = hopping.stream().collect(Collectors.toMap(
          s -> s.getWindowStart().toEpochMilli() - T0, s -> s, (a, b) -> b));
      assertThat(latest.keySet()).containsExactlyInAnyOrder(-50_000L, -40_000L, -30_000L, -20_000L, -10_000L, 0L,
          10_000L);
      // [T0-50s, T0+10s) holds only the three first events: exactly the tumbling figures.
      assertThreeEventStats(latest.get(-50_000L));
      assertThat(latest.get(-50_000L).getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
      // [T0, T0+60s) holds all four: happy (0.5+0.25+0.75+1)/4, neutral 1.25/4, sad 0.25/4.
      SessionEmotionStats all = latest.get(0L);
      assertThat(all.getEventCount()).isEqualTo(4);
      assertThat(all.getCountsByClass()).containsEntry("HAPPY", 3L).containsEntry("NEUTRAL", 1L);
      assertThat(all.getMeanProbabilities().getHappy()).isEqualTo(0.625f);
      assertThat(all.getMeanProbabilities().getNeutral()).isEqualTo(0.3125f);
      assertThat(all.getMeanProbabilities().getSad()).isEqualTo(0.0625f);
      assertThat(all.getValence()).isCloseTo(0.625f - 0.8f * 0.0625f, within(EPS));
      assertThat(all.getFaceCount()).isEqualTo(3); // tracks a, b and t
      // [T0+10s, T0+70s) holds only the last.
      assertThat(latest.get(10_000L).getEventCount()).isEqualTo(1);
      assertThat(latest.get(10_000L).getDominant()).isEqualTo(Emotion.HAPPY);
    }
  }

  @Test
  void shouldKeepARunningTotalOverTheSessionsLifetime() {
    try (TopologyFixture f = new TopologyFixture()) {
      sendThree(f, "s1");
      f.send(event("s1", T0 + 125_000, 3_125, "c", probs(1, 0, 0, 0, 0, 0), Emotion.ANGRY));

      List<SessionEmotionStats> totals = ofType(f.stats.readValuesToList(), WindowType.SESSION_TOTAL);
      assertThat(totals).extracting(SessionEmotionStats::getEventCount).containsExactly(1L, 2L, 3L, 4L);
      assertThreeEventStats(totals.get(2));
      SessionEmotionStats last = totals.get(3);
      assertThat(last.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
      assertThat(last.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 125_000));
      assertThat(last.getCountsByClass()).containsEntry("ANGRY", 1L).containsEntry("HAPPY", 2L)
          .containsEntry("NEUTRAL", 1L);
      // angry 1/4, happy 1.5/4, neutral 1.25/4, sad 0.25/4
      assertThat(last.getMeanProbabilities().getAngry()).isEqualTo(0.25f);
      assertThat(last.getMeanProbabilities().getHappy()).isEqualTo(0.375f);
      assertThat(last.getMeanProbabilities().getNeutral()).isEqualTo(0.3125f);
      assertThat(last.getDominant()).isEqualTo(Emotion.HAPPY);
      assertThat(last.getValence()).isCloseTo(-0.7f * 0.25f + 0.375f - 0.8f * 0.0625f, within(EPS));
      assertThat(last.getFaceCount()).isEqualTo(3);
      assertThat(f.totals().get("s1").count()).isEqualTo(4);
    }
  }

  @Test
  void shouldCountLateEventsWithinGraceAndDropLaterOnesVisibly() {
    try (TopologyFixture f = new TopologyFixture(Map.of(AggregatorConfig.WINDOW_GRACE_MS, 5_000L))) {
      f.send(happy("s1", T0 + 1_000));
      f.send(happy("s1", T0 + 14_000));       // stream time T0+14s: [T0, T0+10s) stays open until T0+15s
      f.send(happy("s1", T0 + 2_000));        // late, within grace: counted
      assertThat(f.droppedRecords()).isZero();
      f.send(happy("s1", T0 + 16_000));       // stream time T0+16s: [T0, T0+10s) is closed
      f.send(happy("s1", T0 + 3_000));        // too late for it: dropped there

      assertThat(f.tumbling().fetch("s1", T0).count()).isEqualTo(2);
      assertThat(f.tumbling().fetch("s1", T0 + 10_000).count()).isEqualTo(2);
      // The late event is dropped by the tumbling window and by the one hopping window that closed
      // ([T0-50s, T0+10s)); it still counts in the five open hopping windows and in the session total.
      assertThat(f.droppedRecords()).isEqualTo(2.0);
      assertThat(f.hopping().fetch("s1", T0 - 50_000).count()).isEqualTo(2);
      assertThat(f.hopping().fetch("s1", T0).count()).isEqualTo(5);
      assertThat(f.totals().get("s1").count()).isEqualTo(5);
      List<SessionEmotionStats> out = f.stats.readValuesToList();
      assertThat(ofType(out, WindowType.TUMBLING)).extracting(SessionEmotionStats::getEventCount)
          .containsExactly(1L, 1L, 2L, 2L); // [T0,+10s): 1; [+10s,+20s): 1; [T0,+10s): 2; [+10s,+20s): 2
      assertThat(ofType(out, WindowType.SESSION_TOTAL).get(4).getEventCount()).isEqualTo(5);
    }
  }

  @Test
  void shouldKeepSessionsApart() {
    try (TopologyFixture f = new TopologyFixture()) {
      sendThree(f, "s1");
      f.send(event("s2", T0 + 1_500, 1, "x", probs(0, 0, 0, 1, 0, 0), Emotion.SAD));
      f.send(happy("s3", T0 + 2_500));

      Map<String, SessionEmotionStats> lastTotal = ofType(f.stats.readValuesToList(), WindowType.SESSION_TOTAL)
          .stream().collect(Collectors.toMap(s -> s.getSessionId(), s -> s, (a, b) -> b));
      assertThreeEventStats(lastTotal.get("s1"));
      assertThat(lastTotal.get("s2").getEventCount()).isEqualTo(1);
      assertThat(lastTotal.get("s2").getDominant()).isEqualTo(Emotion.SAD);
      assertThat(lastTotal.get("s2").getValence()).isCloseTo(-0.8f, within(EPS));
      assertThat(lastTotal.get("s3").getEventCount()).isEqualTo(1);
      assertThat(lastTotal.get("s3").getValence()).isEqualTo(1.0f);
      assertThat(f.tumbling().fetch("s2", T0).count()).isEqualTo(1);
      assertThat(f.tumbling().fetch("s1", T0).count()).isEqualTo(3);
      try (KeyValueIterator<Windowed<String>, EmotionAccumulator> all = f.tumbling().all()) {
        assertThat(all).toIterable().extracting(kv -> kv.key.key()).containsExactlyInAnyOrder("s1", "s2", "s3");
      }
      try (KeyValueIterator<String, EmotionAccumulator> all = f.totals().all()) {
        assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly("s1", "s2", "s3");
      }
    }
  }

  @Test
  void shouldCountUntrackedFacesAsTheMostCropsInOneFrame() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.send(event("s1", T0 + 100, 7, null, probs(0, 0, 1, 0, 0, 0), Emotion.HAPPY));
      f.send(event("s1", T0 + 100, 7, null, probs(0, 0, 1, 0, 0, 0), Emotion.HAPPY));
      f.send(event("s1", T0 + 140, 8, null, probs(0, 0, 1, 0, 0, 0), Emotion.HAPPY));

      assertThat(f.totals().get("s1").faceCount()).isEqualTo(2);
      assertThat(f.tumbling().fetch("s1", T0).faceCount()).isEqualTo(2);
    }
  }

  @Test
  void shouldStopRememberingTrackIdsPastTheBound() {
    try (TopologyFixture f = new TopologyFixture(Map.of(AggregatorConfig.STATS_FACES_MAX, 2))) {
      for (int i = 0; i < 5; i++) {
        f.send(event("s1", T0 + i, i, "track-" + i, probs(0, 0, 1, 0, 0, 0), Emotion.HAPPY));
      }
      assertThat(f.totals().get("s1").faceCount()).isEqualTo(2);
      assertThat(f.totals().get("s1").count()).isEqualTo(5);
    }
  }

  @Test
  void shouldNotRepartition() {
    try (TopologyFixture f = new TopologyFixture()) {
      String description = io.ferstream.aggregator.topology.AggregatorTopology
          .build(f.config, AggregatorSerdes.from(io.ferstream.common.topics.Topics.from(f.config)))
          .describe().toString();
      assertThat(description).doesNotContain("repartition");
      assertThat(description).contains(AggregatorTopology.TUMBLING_STORE, AggregatorTopology.HOPPING_STORE,
          AggregatorTopology.TOTALS_STORE);
    }
  }

}
