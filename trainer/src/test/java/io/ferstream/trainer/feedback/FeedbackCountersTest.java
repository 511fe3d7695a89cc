package io.ferstream.trainer.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.schemas.PixelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FeedbackCountersTest {

  @Test
  void shouldListEveryCounterInAFixedOrder() {
    assertThat(new FeedbackCounters().snapshot().keySet()).containsExactly(
        "accepted", "from-feedback-pixels", "from-crop-store", "duplicates", "relabelled", "pixels-replaced",
        "dead-lettered.undecodable", "dead-lettered.invalid-label", "dead-lettered.invalid-pixels",
        "dead-lettered.invalid-field", "dead-lettered.unknown-or-expired-crop",
        "crops-indexed", "crops-skipped");
  }

  @Test
  void shouldCountEveryIncrementFromManyThreads() throws Exception {
    FeedbackCounters counters = new FeedbackCounters();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 10_000; i++) {
            counters.accepted(PixelSource.FACE_CROPS);
            counters.deadLetter(DeadLetterReason.INVALID_LABEL);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(counters.accepted()).isEqualTo(40_000);
    assertThat(counters.snapshot()).containsEntry("from-crop-store", 40_000L)
        .containsEntry("dead-lettered.invalid-label", 40_000L);
    assertThat(counters.deadLettered()).isEqualTo(40_000);
    assertThat(counters.deadLettered(DeadLetterReason.INVALID_LABEL)).isEqualTo(40_000);
  }
}
