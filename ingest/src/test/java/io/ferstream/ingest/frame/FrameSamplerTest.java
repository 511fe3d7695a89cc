package io.ferstream.ingest.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

  @Test
  void shouldKeepFramesAtTheRequestedRateByTimestamp() {
    FrameSampler sampler = new FrameSampler(5);
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      long micros = Math.round(i * 1_000_000 / 29.97);
      if (sampler.keep(micros)) {
        kept.add(micros);
      }
    }
    // 3 s of 29.97 fps video at 5 fps: 15 frames, about 200 ms apart.
    assertThat(kept).hasSize(15);
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i) - kept.get(i - 1)).isBetween(166_000L, 234_000L);
    }
  }

  @Test
  void shouldKeepEveryFrameAtRateZero() {
    FrameSampler sampler = FrameSampler.everyFrame();
    for (int i = 0; i < 10; i++) {
      assertThat(sampler.keep(i)).isTrue();
    }
  }

  @Test
  void shouldRestartAfterAGapInsteadOfCatchingUp() {
    FrameSampler sampler = new FrameSampler(10);
    assertThat(sampler.keep(0)).isTrue();
    assertThat(sampler.keep(100_000)).isTrue();
    // A stream stalls for 5 s: the next frame is kept, then the 100 ms grid resumes from it.
    assertThat(sampler.keep(5_000_000)).isTrue();
    assertThat(sampler.keep(5_050_000)).isFalse();
    assertThat(sampler.keep(5_100_000)).isTrue();
  }

  @Test
  void shouldRefuseANegativeRate() {
    assertThatThrownBy(() -> new FrameSampler(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
