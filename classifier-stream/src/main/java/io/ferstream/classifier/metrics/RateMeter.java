package io.ferstream.classifier.metrics;

import java.util.function.LongSupplier;

/** Events per second over the last {@code windowSeconds} whole seconds. Thread-safe. */
public final class RateMeter {

  private final long[] buckets;
  private final long[] bucketSecond;
  private final LongSupplier nanoClock;

  public RateMeter(int windowSeconds) {
    this(windowSeconds, System::nanoTime);
  }

  RateMeter(int windowSeconds, LongSupplier nanoClock) {
    this.buckets = new long[windowSeconds + 1];
    this.bucketSecond = new long[windowSeconds + 1];
    this.nanoClock = nanoClock;
  }

  public synchronized void mark(long n) {
    long second = nanoClock.getAsLong() / 1_000_000_000L;
    int i = (int) Math.floorMod(second, (long) buckets.length);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      buckets[i] = 0;
    }
    buckets[i] += n;
  }

  /** Mean rate over the last complete seconds of the window (the current, partial second is left out). */
  public synchronized double perSecond() {
    long now = nanoClock.getAsLong() / 1_000_000_000L;
    int window = buckets.length - 1;
    long total = 0;
    for (int i = 0; i < buckets.length; i++) {
      long age = now - bucketSecond[i];
      if (age >= 1 && age <= window) {
        total += buckets[i];
      }
    }
    return (double) total / window;
  }
}
