package io.ferstream.replay.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeBoundTest {

  private static final Instant NOW = Instant.parse("2026-11-29T16:30:00Z");

  @Test
  void shouldParseEdgesOffsetsAndTimes() {
    assertThat(RangeBound.parse("earliest", NOW)).isEqualTo(RangeBound.EARLIEST);
    assertThat(RangeBound.parse("latest", NOW)).isEqualTo(RangeBound.LATEST);
    assertThat(RangeBound.parse("1200", NOW)).isEqualTo(new RangeBound.Offset(1200));
    assertThat(RangeBound.parse("0:10,2:30", NOW)).isEqualTo(new RangeBound.PartitionOffsets(Map.of(0, 10L, 2, 30L)));
    assertThat(RangeBound.parse("2026-11-29T16:00:00Z", NOW))
        .isEqualTo(new RangeBound.Time(Instant.parse("2026-11-29T16:00:00Z")));
    assertThat(RangeBound.parse("2026-11-29T15:00", NOW))
        .isEqualTo(new RangeBound.Time(Instant.parse("2026-11-29T15:00:00Z")));
    assertThat(RangeBound.parse("2026-11-28", NOW))
        .isEqualTo(new RangeBound.Time(Instant.parse("2026-11-28T00:00:00Z")));
    assertThat(RangeBound.parse("-PT2H", NOW)).isEqualTo(new RangeBound.Time(Instant.parse("2026-11-29T14:30:00Z")));
    assertThat(RangeBound.parse("now", NOW)).isEqualTo(new RangeBound.Time(NOW));
  }

  @Test
  void shouldRejectWhatIsNoBound() {
    assertThatThrownBy(() -> RangeBound.parse("yesterday-ish", NOW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("earliest, latest");
    assertThatThrownBy(() -> RangeBound.parse("0:1,0:2", NOW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
