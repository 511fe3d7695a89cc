package io.ferstream.classifier.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link BatchCoordinator} per stream thread of this application instance, created on first use by that
 * thread. Also the switch that makes every coordinator score what it has at once (draining, on shutdown), and,
 * when pipelined, the owner of the threads that score the batches in flight.
 */
public final class CoordinatorRegistry implements AutoCloseable {

  private static final AtomicInteger SCORER_THREADS = new AtomicInteger();

  private final int maxSize;
  private final long maxDelayMs;
  private final BatchScorer scorer;
  private final ExecutorService scoring;
  private final int maxInFlight;
  private final Map<Thread, BatchCoordinator> byThread = new ConcurrentHashMap<>();
  private volatile boolean draining;

  /** Coordinators that score on the stream thread. */
  public CoordinatorRegistry(int maxSize, long maxDelayMs, BatchScorer scorer) {
    this(maxSize, maxDelayMs, scorer, false, 1);
  }

  /**
   * With {@code pipelined}, each coordinator scores on a thread of its own, with up to {@code maxInFlight} batches
   * in flight (see {@link BatchCoordinator}).
   */
  public CoordinatorRegistry(int maxSize, long maxDelayMs, BatchScorer scorer, boolean pipelined, int maxInFlight) {
    this.maxSize = maxSize;
    this.maxDelayMs = maxDelayMs;
    this.scorer = scorer;
    this.maxInFlight = maxInFlight;
    // a thread per batch in flight: up to batch.max.in.flight per stream thread (each waits for its engine's passes)
    this.scoring = pipelined ? Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "batch-scorer-" + SCORER_THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** The calling stream thread's coordinator. */
  public BatchCoordinator forCurrentThread() {
    Thread thread = Thread.currentThread();
    BatchCoordinator c = byThread.get(thread);
    if (c == null) {
      byThread.keySet().removeIf(t -> !t.isAlive());
      c = byThread.computeIfAbsent(thread, t -> new BatchCoordinator(maxSize, maxDelayMs, scorer, () -> draining,
          scoring, maxInFlight));
    }
    return c;
  }

  /** From now on every punctuation scores whatever is waiting, without waiting for the batch to fill. */
  public void startDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  /** Crops waiting or scored and not yet forwarded, over all live stream threads. */
  public long pendingCrops() {
    long n = 0;
    for (Map.Entry<Thread, BatchCoordinator> e : byThread.entrySet()) {
      if (e.getKey().isAlive()) {
        n += e.getValue().pending();
      }
    }
    return n;
  }

  /** Stops the scoring threads (after the stream threads have stopped: a batch still in flight is abandoned). */
  @Override
  public void close() {
    if (scoring != null) {
      scoring.shutdownNow();
    }
  }
}
