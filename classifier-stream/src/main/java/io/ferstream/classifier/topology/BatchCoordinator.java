package io.ferstream.classifier.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The micro-batch of one stream thread: the crops waiting to be scored, from every task (partition) the thread
 * runs, in arrival order. A task adds its crops; whichever task sees the batch full (in its {@code process}) or
 * overdue (in its punctuation) scores it, with one forward pass per ensemble member for all tasks' crops; each
 * task then forwards its own results, in order, from its own {@code process} or punctuation.
 *
 * <p>Pipelined (with a scoring {@link Executor}): a batch is scored on another thread while the stream thread goes
 * on polling, committing and filling the next batch. Up to {@code maxInFlight} batches are in flight, each handed to
 * the engine as soon as it is full: the engine decides how they share the cores (the SameDiff engine queues their
 * passes on its inference threads in submission order, so an inference thread that finishes its part of one batch
 * starts on the next without waiting for the other thread). They are delivered in order, whichever finishes first.
 * A full batch beyond that waits for the oldest one (back-pressure). Results are delivered by the next call on the
 * stream thread ({@link #collect()}, {@code scoreIf...}). Without an executor a batch is scored on the stream thread
 * in the call that triggers it.
 *
 * <p>Not thread-safe, and needs not be: the tasks of a stream thread run on that thread only, and a batch in flight
 * hands its result back through a future that only the stream thread reads. The crops here are a copy of what the
 * tasks hold in their logged pending stores (in flight or not); losing this object loses nothing.
 */
public final class BatchCoordinator {

  private record Waiting(TaskSlot slot, PendingCrop crop) {}

  /**
   * A batch being scored, or queued to be; submitted at {@code submittedAtMs} on the caller's clock, which is
   * {@code submittedAtNanos} on {@link System#nanoTime()}'s.
   */
  private record InFlight(List<Waiting> batch, long submittedAtMs, long submittedAtNanos,
      CompletableFuture<BatchScorer.Scores> scores) {}

  private final int maxSize;
  private final long maxDelayMs;
  private final BatchScorer scorer;
  private final BooleanSupplier draining;
  private final Executor scoring;
  private final int maxInFlight;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<TaskId, TaskSlot> slots = new HashMap<>();
  private final AtomicLong pending = new AtomicLong();
  /** Oldest first. */
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

  /** Scores each batch on the stream thread, in the call that triggers it. */
  public BatchCoordinator(int maxSize, long maxDelayMs, BatchScorer scorer, BooleanSupplier draining) {
    this(maxSize, maxDelayMs, scorer, draining, null, 1);
  }

  /**
   * With a {@code scoring} executor, pipelined with up to {@code maxInFlight} batches in flight (see the class
   * comment); {@code null} scores on the stream thread.
   */
  public BatchCoordinator(int maxSize, long maxDelayMs, BatchScorer scorer, BooleanSupplier draining,
      Executor scoring, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.maxSize = maxSize;
    this.maxDelayMs = maxDelayMs;
    this.scorer = scorer;
    this.draining = draining;
    this.scoring = scoring;
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

  /**
   * Scores full batches while there are {@code batch.max.size} crops waiting (when pipelined, the last ones are left
   * in flight); when draining, scores everything and waits for it.
   */
  public void scoreIfFull(long nowMs) {
    collect();
    while (waiting.size() >= maxSize) {
      scoreOldest(maxSize, nowMs);
    }
    if (draining.getAsBoolean()) {
      scoreIfDue(nowMs);
    }
  }

  /**
   * Scores everything waiting when the oldest crop has waited {@code batch.max.delay.ms}, or when draining (then it
   * also waits for the batches in flight, so that nothing is left unscored). While a batch is in flight, crops that
   * are due wait for it without holding the stream thread: on the engine's threads they would queue behind it
   * anyway, and meanwhile the stream thread goes on polling and adding crops, so the next batch is fuller. The
   * first call after the batches in flight finish (a punctuation, at most {@code batch.punctuate.interval.ms} later)
   * scores them. Blocking here instead cut backlogged batches short: 37.5 crops on average at batch.max.size 64 and
   * 10 ms. Only full batches ({@link #scoreIfFull}) queue behind one in flight.
   */
  public void scoreIfDue(long nowMs) {
    collect();
    boolean drain = draining.getAsBoolean();
    if (!inFlight.isEmpty() && !drain) {
      return;
    }
    if (!waiting.isEmpty() && (drain || nowMs - waiting.peekFirst().crop().enqueuedAtMs() >= maxDelayMs)) {
      while (!waiting.isEmpty()) {
        scoreOldest(Math.min(maxSize, waiting.size()), nowMs);
      }
    }
    if (drain) {
      awaitInFlight();
    }
  }

  /**
   * Delivers the batches in flight that have finished, oldest first, to their tasks; rethrows a failure (the failed
   * batch's crops and those of the batches after it are then waiting again, first in line, in order). Never blocks.
   */
  void collect() {
    while (!inFlight.isEmpty() && inFlight.peekFirst().scores().isDone()) {
      awaitOldest();
    }
  }

  /** Whether a batch is being scored, or queued to be, on the executor. */
  boolean scoring() {
    return !inFlight.isEmpty();
  }

  /** Batches being scored, or queued to be, on the executor. */
  int inFlight() {
    return inFlight.size();
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
    long waitStart = System.nanoTime();
    while (inFlight.size() >= maxInFlight) {
      awaitOldest(); // back-pressure; batches finish, and are forwarded, in order
    }
    // the batch is submitted after that wait, which counts as queueing (nowMs is the caller's clock, so add the wait)
    long startMs = nowMs + (System.nanoTime() - waitStart) / 1_000_000;
    List<Waiting> batch = new ArrayList<>(n);
    List<byte[]> pixels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Waiting w = waiting.pollFirst();
      batch.add(w);
      pixels.add(w.crop().pixels());
    }
    if (scoring == null) {
      BatchScorer.Scores scores;
      try {
        scores = scorer.score(pixels);
      } catch (RuntimeException e) {
        putBack(batch);
        throw e;
      }
      deliver(batch, startMs, scores);
    } else {
      long submittedNanos = System.nanoTime();
      inFlight.addLast(new InFlight(batch, startMs, submittedNanos,
          CompletableFuture.supplyAsync(() -> scorer.score(pixels), scoring)));
    }
  }

  /** Waits for every batch in flight and delivers them (or puts them back and rethrows the first failure). */
  private void awaitInFlight() {
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  /**
   * Waits for the oldest batch in flight and delivers it. If it failed, it and every batch after it are put back
   * first in line, in order (the later ones' results, if any, are dropped: they are delivered only after the oldest),
   * and the failure is rethrown.
   */
  private void awaitOldest() {
    InFlight f = inFlight.pollFirst();
    BatchScorer.Scores scores;
    try {
      scores = f.scores().join();
    } catch (RuntimeException e) {
      List<InFlight> failed = new ArrayList<>();
      failed.add(f);
      failed.addAll(inFlight);
      inFlight.clear();
      for (int i = failed.size() - 1; i >= 0; i--) {
        putBack(failed.get(i).batch());
      }
      if (e instanceof CompletionException && e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof CompletionException && e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
    // its inference may have started after its submission, behind the batches submitted before it
    long startDelayMs = Math.max(0, scores.startedAtNanos() - f.submittedAtNanos()) / 1_000_000;
    deliver(f.batch(), f.submittedAtMs() + startDelayMs, scores);
  }

  /** Puts a batch back as it was: the crops stay pending, in order, for the retry after the task restarts. */
  private void putBack(List<Waiting> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      Waiting w = batch.get(i);
      if (!w.slot().detached()) {
        waiting.addFirst(w);
      }
    }
  }

  /** Hands each task its crops' results; a task detached meanwhile drops them (its store still holds the crops). */
  private void deliver(List<Waiting> batch, long startedAtMs, BatchScorer.Scores scores) {
    long classifiedAt = startedAtMs + Math.round(scores.inferenceMillis());
    for (int i = 0; i < batch.size(); i++) {
      Waiting w = batch.get(i);
      long queueDelay = Math.max(0, startedAtMs - w.crop().enqueuedAtMs());
      w.slot().deliver(new ScoredCrop(w.crop(), scores.probabilities()[i], scores.releaseId(),
          scores.ensembleSize(), batch.size(), queueDelay, classifiedAt));
    }
  }
}
