package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.ForwardingEngine;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.classifier.inference.InferenceEngine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
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

  // Pipelined: batches scored on an executor, at most one in flight.

  /** Runs the scoring tasks when the test says so. */
  private final ArrayDeque<Runnable> scoringTasks = new ArrayDeque<>();

  private BatchCoordinator pipelined(InferenceEngine e, java.util.concurrent.Executor executor) {
    return pipelined(e, executor, 1);
  }

  private BatchCoordinator pipelined(InferenceEngine e, java.util.concurrent.Executor executor, int maxInFlight) {
    return new BatchCoordinator(4, 100, new BatchScorer(new EngineHolder(e), new ClassifierMetrics()), draining::get,
        executor, maxInFlight);
  }

  private void runScoring() {
    assertThat(scoringTasks).hasSize(1);
    scoringTasks.poll().run();
  }

  @Test
  void shouldLeaveAFullBatchInFlightAndDeliverItOnTheNextCollect() {
    BatchCoordinator c = pipelined(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 5; i++) {
      c.add(a, crop("a", i));
    }

    c.scoreIfFull(10);
    assertThat(c.scoring()).isTrue();
    assertThat(c.waiting()).as("the fifth crop starts the next batch").isEqualTo(1);
    c.collect();
    assertThat(drain(a)).as("not scored yet").isEmpty();

    runScoring();
    c.collect();
    assertThat(c.scoring()).isFalse();
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L);
    assertThat(c.pending()).isEqualTo(1);
  }

  @Test
  void shouldLetDueCropsGrowIntoTheNextBatchWhileOneIsInFlight() {
    BatchCoordinator c = pipelined(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 6; i++) {
      c.add(a, crop("a", 0));
    }
    c.scoreIfFull(0); // crops 0-3 in flight, 4 and 5 waiting

    c.scoreIfDue(1_000); // overdue, but the batch in flight is not done: returns at once, nothing new starts
    assertThat(c.scoring()).isTrue();
    assertThat(c.waiting()).isEqualTo(2);
    c.add(a, crop("a", 0)); // the stream thread goes on adding
    assertThat(scoringTasks).hasSize(1);

    runScoring();
    c.scoreIfDue(1_000); // delivers the first batch, then starts the due one with all three crops
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L);
    runScoring();
    c.collect();
    assertThat(drain(a)).containsExactly(4L, 5L, 6L);
    assertThat(engine.batchSizes()).containsExactly(4, 3);
  }

  @Test
  void shouldWaitForTheBatchInFlightBeforeStartingTheNext() throws Exception {
    GatedEngine gated = new GatedEngine(engine);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      BatchCoordinator c = pipelined(gated, executor);
      TaskSlot a = c.attach(new TaskId(0, 0));
      for (int i = 0; i < 8; i++) {
        c.add(a, crop("a", i));
      }
      CompletableFuture<Void> trigger = CompletableFuture.runAsync(() -> c.scoreIfFull(10));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gated.entered.get() == 1);
      Thread.sleep(100);
      assertThat(trigger).as("the second batch waits for the first").isNotDone();

      gated.permits.release();
      trigger.get(10, TimeUnit.SECONDS);
      assertThat(drain(a)).as("the first batch, delivered before the second started").containsExactly(0L, 1L, 2L, 3L);
      assertThat(c.scoring()).isTrue();

      gated.permits.release();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.batchSizes().size() == 2);
      c.scoreIfDue(10);
      assertThat(drain(a)).containsExactly(4L, 5L, 6L, 7L);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void shouldPutAFailedBatchBackFirstInLineAndRethrowOnCollect() {
    BatchCoordinator c = pipelined(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 5; i++) {
      c.add(a, crop("a", 0));
    }
    engine.failWith(new IllegalStateException("boom"));
    c.scoreIfFull(0);
    runScoring();

    assertThatThrownBy(c::collect).hasMessage("boom");
    assertThat(c.waiting()).isEqualTo(5);
    assertThat(c.scoring()).isFalse();

    engine.failWith(null);
    c.scoreIfFull(0);
    runScoring();
    c.collect();
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L);
  }

  @Test
  void shouldDropTheInFlightResultsOfATaskDetachedMeanwhile() {
    BatchCoordinator c = pipelined(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    TaskSlot b = c.attach(new TaskId(0, 1));
    c.add(a, crop("a", 0));
    c.add(b, crop("b", 0));
    c.add(a, crop("a", 0));
    c.add(b, crop("b", 0));
    c.scoreIfFull(0);

    c.detach(b);
    runScoring();
    c.collect();

    assertThat(drain(a)).containsExactly(0L, 2L);
    assertThat(b.scored()).isZero();
    assertThat(c.pending()).isZero();
  }

  @Test
  void shouldFinishTheBatchInFlightAndTheRestWhenDraining() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      BatchCoordinator c = pipelined(engine, executor);
      TaskSlot a = c.attach(new TaskId(0, 0));
      for (int i = 0; i < 5; i++) {
        c.add(a, crop("a", 0));
      }
      c.scoreIfFull(0);
      draining.set(true);

      c.scoreIfDue(0);

      assertThat(c.scoring()).isFalse();
      assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(engine.batchSizes()).containsExactly(4, 1);
    } finally {
      executor.shutdownNow();
    }
  }

  // Two batches in flight (batch.max.in.flight=2): both handed to the engine at once, delivered in order.

  private BatchCoordinator twoInFlight(InferenceEngine e, java.util.concurrent.Executor executor) {
    return pipelined(e, executor, 2);
  }

  @Test
  void shouldHandASecondFullBatchToTheEngineAtOnceAndDeliverBothInOrder() {
    BatchCoordinator c = twoInFlight(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 9; i++) {
      c.add(a, crop("a", i));
    }

    c.scoreIfFull(10);
    assertThat(c.inFlight()).isEqualTo(2);
    assertThat(c.waiting()).isEqualTo(1);
    assertThat(scoringTasks).as("both batches submitted without waiting for each other").hasSize(2);

    scoringTasks.pollLast().run(); // the second batch finishes first
    c.collect();
    assertThat(drain(a)).as("nothing is delivered before the oldest batch").isEmpty();
    assertThat(c.inFlight()).isEqualTo(2);
    runScoring();
    c.collect();
    assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(c.inFlight()).isZero();
    assertThat(engine.batchSizes()).containsExactly(4, 4);
    assertThat(c.pending()).isEqualTo(1);
  }

  @Test
  void shouldScoreTwoBatchesAtOnceAndMakeAThirdWaitForTheOldest() throws Exception {
    GatedEngine gated = new GatedEngine(engine);
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      BatchCoordinator c = twoInFlight(gated, executor);
      TaskSlot a = c.attach(new TaskId(0, 0));
      for (int i = 0; i < 12; i++) {
        c.add(a, crop("a", i));
      }
      CompletableFuture<Void> trigger = CompletableFuture.runAsync(() -> c.scoreIfFull(10));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gated.entered.get() == 2);
      Thread.sleep(100);
      assertThat(gated.entered).as("the third batch is not submitted").hasValue(2);
      assertThat(trigger).as("the third batch waits for the oldest").isNotDone();

      gated.permits.release(2); // fair: the two batches waiting take them, not the third
      trigger.get(10, TimeUnit.SECONDS);
      assertThat(drain(a)).containsExactly(0L, 1L, 2L, 3L);
      assertThat(c.inFlight()).isEqualTo(2);

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gated.entered.get() == 3);
      gated.permits.release();
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        c.collect();
        assertThat(c.inFlight()).isZero();
      });
      assertThat(drain(a)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(engine.batchSizes()).containsExactly(4, 4, 4);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void shouldPutBackEveryBatchInFlightInOrderWhenTheOldestFails() {
    BatchCoordinator c = twoInFlight(engine, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 9; i++) {
      c.add(a, crop("a", i));
    }
    c.scoreIfFull(0);
    engine.failWith(new IllegalStateException("boom"));
    scoringTasks.pollFirst().run(); // the oldest fails
    engine.failWith(null);
    scoringTasks.pollFirst().run(); // the second is scored; its results must wait for the oldest's

    assertThatThrownBy(c::collect).hasMessage("boom");
    assertThat(drain(a)).as("the second batch's results are dropped with the oldest").isEmpty();
    assertThat(c.inFlight()).isZero();
    assertThat(c.waiting()).isEqualTo(9);
    assertThat(c.pending()).isEqualTo(9);

    c.scoreIfFull(0);
    scoringTasks.pollFirst().run();
    scoringTasks.pollFirst().run();
    c.collect();
    assertThat(drain(a)).as("in the order they arrived").containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(engine.batchSizes()).containsExactly(4, 4, 4);
  }

  @Test
  void shouldCountTheQueueDelayUntilTheEngineStartedTheBatchNotUntilItWasSubmitted() {
    // an engine whose batch started 30 ms after it was handed over (queued behind another batch's passes)
    InferenceEngine late = new ForwardingEngine(engine) {
      @Override
      public Prediction predictTimed(List<byte[]> crops) {
        long start = System.nanoTime() + 30_000_000L;
        return new Prediction(predict(crops), start, start + 5_000_000L);
      }
    };
    BatchCoordinator c = twoInFlight(late, scoringTasks::add);
    TaskSlot a = c.attach(new TaskId(0, 0));
    for (int i = 0; i < 4; i++) {
      c.add(a, crop("a", 100));
    }
    c.scoreIfFull(110);
    runScoring();
    c.collect();

    ScoredCrop first = a.pollScored();
    assertThat(first.queueDelayMs()).as("10 ms waiting for the batch, then 30 behind another").isBetween(40L, 2_000L);
    assertThat(first.classifiedAtMs() - 100 - first.queueDelayMs()).as("the batch's own 5 ms").isEqualTo(5L);
  }

  /** Lets one {@code predict} through per permit; counts the calls that reached it. */
  private static final class GatedEngine extends ForwardingEngine {
    final Semaphore permits = new Semaphore(0, true);
    final AtomicInteger entered = new AtomicInteger();

    GatedEngine(InferenceEngine delegate) {
      super(delegate);
    }

    @Override
    public float[][] predict(List<byte[]> crops) {
      entered.incrementAndGet();
      permits.acquireUninterruptibly();
      return super.predict(crops);
    }
  }
}
