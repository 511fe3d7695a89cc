package io.ferstream.classifier.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BatchCoordinator} per stream thread of this application instance, created on first use by that
 * thread. Also the switch that makes every coordinator score what it has at once (draining, on shutdown).
 */
public final class CoordinatorRegistry {

  private final int maxSize;
  private final long maxDelayMs;
  private final BatchScorer scorer;
  private final Map<Thread, BatchCoordinator> byThread = new ConcurrentHashMap<>();
  private volatile boolean draining;

  public CoordinatorRegistry(int maxSize, long maxDelayMs, BatchScorer scorer) {
    this.maxSize = maxSize;
    this.maxDelayMs = maxDelayMs;
    this.scorer = scorer;
  }

  /** The calling stream thread's coordinator. */
  public BatchCoordinator forCurrentThread() {
    Thread thread = Thread.currentThread();
    BatchCoordinator c = byThread.get(thread);
    if (c == null) {
      byThread.keySet().removeIf(t -> !t.isAlive());
      c = byThread.computeIfAbsent(thread, t -> new BatchCoordinator(maxSize, maxDelayMs, scorer, () -> draining));
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
}
