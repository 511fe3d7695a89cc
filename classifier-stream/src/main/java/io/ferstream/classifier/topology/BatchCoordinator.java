package io.ferstream.classifier.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The micro-batch of one stream thread: the crops waiting to be scored, from every task (partition) the thread
 * runs, in arrival order. A task adds its crops; whichever task sees the batch full (in its {@code process}) or
 * overdue (in its punctuation) scores it, with one forward pass per ensemble member for all tasks' crops; each
 * task then forwards its own results, in order, from its own {@code process} or punctuation.
 *
 * <p>Not thread-safe, and needs not be: the tasks of a stream thread run on that thread only. The crops here are a
 * copy of what the tasks hold in their logged pending stores; losing this object loses nothing.
 */
public final class BatchCoordinator {

  private record Waiting(TaskSlot slot, PendingCrop crop) {}

  private final int maxSize;
  private final long maxDelayMs;
  private final BatchScorer scorer;
  private final BooleanSupplier draining;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<TaskId, TaskSlot> slots = new HashMap<>();
  private final AtomicLong pending = new AtomicLong();

  public BatchCoordinator(int maxSize, long maxDelayMs, BatchScorer scorer, BooleanSupplier draining) {
    this.maxSize = maxSize;
    this.maxDelayMs = maxDelayMs;
    this.scorer = scorer;
    this.draining = draining;
  }

  /** Registers a task; a slot it held before (a previous incarnation of the task) is dropped. */
  public TaskSlot attach(TaskId taskId) {
    TaskSlot previous = slots.get(taskId);
    if (previous != null) {
      detach(previous);
    }
    TaskSlot slot = new TaskSlot(taskId, this);
    slots.put(taskId, slot);
    return slot;
  }

  /**
   * Forgets a task (closed, suspended or revoked): its waiting and scored crops are dropped here. They are still in
   * its pending store, whose next owner scores them.
   */
  public void detach(TaskSlot slot) {
    if (slot.detached()) {
      return;
    }
    slots.remove(slot.taskId(), slot);
    waiting.removeIf(w -> w.slot() == slot);
    pending.addAndGet(-slot.detach());
  }

  /** Adds a crop of {@code slot}'s task to the batch. */
  public void add(TaskSlot slot, PendingCrop crop) {
    if (slot.detached()) {
      throw new IllegalStateException("task " + slot.taskId() + " is detached");
    }
    waiting.addLast(new Waiting(slot, crop));
    slot.enqueued();
    pending.incrementAndGet();
  }

  /** Scores full batches while there are {@code batch.max.size} crops waiting; when draining, scores everything. */
  public void scoreIfFull(long nowMs) {
    while (waiting.size() >= maxSize) {
      scoreOldest(maxSize, nowMs);
    }
    if (draining.getAsBoolean()) {
      scoreIfDue(nowMs);
    }
  }

  /** Scores everything waiting when the oldest crop has waited {@code batch.max.delay.ms}, or when draining. */
  public void scoreIfDue(long nowMs) {
    if (waiting.isEmpty()) {
      return;
    }
    if (draining.getAsBoolean() || nowMs - waiting.peekFirst().crop().enqueuedAtMs() >= maxDelayMs) {
      while (!waiting.isEmpty()) {
        scoreOldest(Math.min(maxSize, waiting.size()), nowMs);
      }
    }
  }

  /** Crops waiting or scored and not forwarded, on this thread. Readable from any thread. */
  public long pending() {
    return pending.get();
  }

  /** Crops waiting to be scored. */
  public int waiting() {
    return waiting.size();
  }

  void forwarded(int n) {
    pending.addAndGet(-n);
  }

  private void scoreOldest(int n, long nowMs) {
    List<Waiting> batch = new ArrayList<>(n);
    List<byte[]> pixels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Waiting w = waiting.pollFirst();
      batch.add(w);
      pixels.add(w.crop().pixels());
    }
    BatchScorer.Scores scores;
    try {
      scores = scorer.score(pixels);
    } catch (RuntimeException e) {
      // Put the batch back as it was: the crops stay pending, in order, for the retry after the task restarts.
      for (int i = batch.size() - 1; i >= 0; i--) {
        waiting.addFirst(batch.get(i));
      }
      throw e;
    }
    long classifiedAt = nowMs + Math.round(scores.inferenceMillis());
    for (int i = 0; i < batch.size(); i++) {
      Waiting w = batch.get(i);
      long queueDelay = Math.max(0, nowMs - w.crop().enqueuedAtMs());
      w.slot().deliver(new ScoredCrop(w.crop(), scores.probabilities()[i], scores.releaseId(),
          scores.ensembleSize(), batch.size(), queueDelay, classifiedAt));
    }
  }
}
