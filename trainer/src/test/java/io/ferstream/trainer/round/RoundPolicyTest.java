package io.ferstream.trainer.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundPolicyTest {

  private static final Instant LAST = Instant.parse("2026-11-29T20:00:00Z");
  private static final RoundPolicy POLICY = new RoundPolicy(500, Duration.ofMinutes(60));

  @Test
  void shouldStartARoundOnceEnoughNewLabelsArrived() {
    assertThat(POLICY.due(499, LAST, LAST.plusSeconds(1))).isNull();
    assertThat(POLICY.due(500, LAST, LAST.plusSeconds(1))).isEqualTo("500 new labels (every 500)");
  }

  @Test
  void shouldStartARoundAfterThePeriodOnlyWhenSomethingNewArrived() {
    assertThat(POLICY.due(1, LAST, LAST.plus(Duration.ofMinutes(59)))).isNull();
    assertThat(POLICY.due(1, LAST, LAST.plus(Duration.ofMinutes(60)))).isEqualTo("60 min since the last round, 1 new labels");
    assertThat(POLICY.due(0, LAST, LAST.plus(Duration.ofHours(5)))).isNull();
  }

  @Test
  void shouldIgnoreTimeWhenThePeriodIsZero() {
    RoundPolicy labelsOnly = new RoundPolicy(10, Duration.ZERO);
    assertThat(labelsOnly.due(9, LAST, LAST.plus(Duration.ofDays(30)))).isNull();
    assertThatThrownBy(() -> new RoundPolicy(0, Duration.ZERO)).hasMessageContaining("everyLabels");
  }

  @Test
  void shouldSplitFeedbackTheSameWayEveryTimeAndHoldBackAboutTheConfiguredShare() {
    List<FeedbackExample> examples = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      examples.add(new FeedbackExample("crop-" + i, i % 6, "t", new byte[2304]));
    }
    FeedbackSplit split = new FeedbackSplit(20);
    FeedbackSplit.Parts a = split.split(examples);
    List<FeedbackExample> reversed = new ArrayList<>(examples);
    java.util.Collections.reverse(reversed);
    FeedbackSplit.Parts b = new FeedbackSplit(20).split(reversed);
    assertThat(a.heldBack().size()).isBetween(340, 460);
    assertThat(a.heldBack().stream().map(FeedbackExample::cropId).sorted().toList())
        .isEqualTo(b.heldBack().stream().map(FeedbackExample::cropId).sorted().toList());
    assertThat(split.isHeldBack("crop-7")).isEqualTo(FeedbackSplit.bucket("crop-7") < 20);
  }

  @Test
  void shouldKeepTheRoundStateAcrossRestarts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rounds/state.json");
    assertThat(RoundState.load(file, 123L)).isEqualTo(RoundState.initial(123L));
    RoundState state = new RoundState(3, 456L, Map.of(0, 10L, 2, 7L));
    state.save(file);
    assertThat(RoundState.load(file, 0L)).isEqualTo(state);
  }
}
