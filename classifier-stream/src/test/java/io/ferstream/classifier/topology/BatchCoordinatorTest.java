package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The cross-task side of micro-batching: one batch for every task of a thread, each task forwarding its own. */
class BatchCoordinatorTest {

  private final TestEngine engine = new TestEngine("r1");
  private final AtomicBoolean draining = new AtomicBoolean();
  private final BatchCoordinator coordinator = new BatchCoordinator(4, 100,
      new BatchScorer(new EngineHolder(engine), new ClassifierMetrics()), draining::get);
  private long seq;

  private PendingCrop crop(String session, long enqueuedAt) {
    long s = seq++;
    var c = Crops.crop(session, s, (int) s);
    return new PendingCrop(s, c, CropValidator.validate(c), 0, enqueuedAt);
  }

  private static List<Long> drain(TaskSlot slot) {
    List<Long> seqs = new ArrayList<>();
    for (ScoredCrop s = slot.pollScored(); s != null; s = slot.pollScored()) {
      seqs.add(s.pending().seq());
    }
    return seqs;
  }

  @Test
  void shouldScoreTheCropsOfEveryTaskInOneBatch() {
    TaskSlot a = coordinator.attach(new TaskId(0, 0));
    TaskSlot b = coordinator.attach(new TaskId(0, 1));
    coordinator.add(a, crop("a", 0));
    coordinator.add(b, crop("b", 0));
    coordinator.add(a, crop("a", 0));
    coordinator.add(b, crop("b", 0));

    coordinator.scoreIfFull(10);

    assertThat(engine.batchSizes()).containsExactly(4);
    assertThat(drain(a)).containsExactly(0L, 2L);
    assertThat(drain(b)).containsExactly(1L, 3L);
    assertThat(coordinator.pending()).isZero();
  }

  @Test
  void shouldScoreOnlyFullBatchesOnTheSizeTriggerAndTheRestOnTheTimeTrigger() {
    TaskSlot a = coordinator.attach(new TaskId(0, 0));
    for (int i = 0; i < 6; i++) {
      coordinator.add(a, crop("a", i));
    }
    coordinator.scoreIfFull(10);
    assertThat(engine.batchSizes()).containsExactly(4);
    assertThat(coordinator.waiting()).isEqualTo(2);

    coordinator.scoreIfDue(103);
    assertThat(coordinator.waiting()).as("oldest waiting crop arrived at 4").isEqualTo(2);
    coordinator.scoreIfDue(104);
    assertThat(engine.batchSizes()).containsExactly(4, 2);
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void shouldScoreWhateverWaitsWhenDraining() {
    TaskSlot a = coordinator.attach(new TaskId(0, 0));
    coordinator.add(a, crop("a", 0));
    draining.set(true);

    coordinator.scoreIfDue(1);

    assertThat(drain(a)).containsExactly(0L);
  }

  @Test
  void shouldDropADetachedTasksCropsAndCountThemNoLongerPending() {
    TaskSlot a = coordinator.attach(new TaskId(0, 0));
    TaskSlot b = coordinator.attach(new TaskId(0, 1));
    coordinator.add(a, crop("a", 0));
    coordinator.add(b, crop("b", 0));
    coordinator.add(b, crop("b", 0));
    coordinator.detach(b);
    assertThat(coordinator.pending()).isEqualTo(1);

    coordinator.add(a, crop("a", 0));
    coordinator.add(a, crop("a", 0));
    coordinator.add(a, crop("a", 0));
    coordinator.scoreIfFull(0);

    assertThat(engine.batchSizes()).containsExactly(4);
    assertThat(drain(a)).containsExactly(0L, 3L, 4L, 5L);
    assertThatThrownBy(() -> coordinator.add(b, crop("b", 0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldReplaceTheSlotOfATaskThatIsAttachedAgain() {
    TaskSlot first = coordinator.attach(new TaskId(0, 0));
    coordinator.add(first, crop("a", 0));
    TaskSlot second = coordinator.attach(new TaskId(0, 0));

    assertThat(coordinator.waiting()).isZero();
    assertThat(coordinator.pending()).isZero();
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void shouldKeepTheBatchWaitingInOrderWhenInferenceFails() {
    TaskSlot a = coordinator.attach(new TaskId(0, 0));
    for (int i = 0; i < 4; i++) {
      coordinator.add(a, crop("a", 0));
    }
    engine.failWith(new IllegalStateException("boom"));
    assertThatThrownBy(() -> coordinator.scoreIfFull(0)).hasMessage("boom");
    assertThat(coordinator.waiting()).isEqualTo(4);

    engine.failWith(null);
    coordinator.scoreIfFull(0);
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L);
  }
}
