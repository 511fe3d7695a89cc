package io.ferstream.ingest.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.IngestStats;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void shouldHoldEachStepUntilItsTimeHasCome() throws Exception {
    Pacer pacer = Pacer.realtime(4);
    long t0 = System.nanoTime();
    for (long ts = 1_000; ts <= 1_400; ts += 100) {
      pacer.await(ts);
    }
    // 400 ms of video at 4x speed: at least 100 ms of wall clock.
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(99);
  }

  @Test
  void shouldNotWaitAsFastAsPossible() throws Exception {
    Pacer pacer = Pacer.none();
    long t0 = System.nanoTime();
    pacer.await(0);
    pacer.await(3_600_000);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
  }

  @Test
  void shouldShowABarWithEtaWhenTheLengthIsKnown() {
    IngestStats stats = new IngestStats();
    stats.frameProcessed(2);
    stats.cropSent();
    stats.cropSent();
    String line = ProgressBar.line(50, OptionalLong.of(200), stats, 2_000_000_000L);
    assertThat(line).startsWith("[======>").contains(" 25% frames 50/200", "faces 2", "crops 2 (1.0/s)", "ETA 0m06s");
    assertThat(ProgressBar.line(50, OptionalLong.empty(), stats, 2_000_000_000L))
        .startsWith("frames 50  faces 2  crops 2 (1.0/s)");
  }
}
