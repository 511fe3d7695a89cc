package io.ferstream.classifier.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A cumulative histogram with fixed upper bounds, in the shape of a Prometheus histogram. Thread-safe. */
public final class BucketHistogram {

  private final double[] bounds;
  private final AtomicLongArray counts;
  private final LongAdder count = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  public BucketHistogram(double... upperBounds) {
    this.bounds = upperBounds.clone();
    this.counts = new AtomicLongArray(bounds.length);
  }

  /** Bounds 1, 2, 4, ... up to {@code max}. */
  public static BucketHistogram powersOfTwo(int max) {
    int n = 32 - Integer.numberOfLeadingZeros(Math.max(1, max) - 1) + 1;
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = 1L << i;
    }
    return new BucketHistogram(b);
  }

  public void record(double value) {
    for (int i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        counts.incrementAndGet(i);
        break;
      }
    }
    count.increment();
    sum.add(value);
  }

  public double[] bounds() {
    return bounds.clone();
  }

  /** Cumulative count of samples {@code <= bounds()[i]}. */
  public long cumulative(int i) {
    long c = 0;
    for (int j = 0; j <= i; j++) {
      c += counts.get(j);
    }
    return c;
  }

  public long count() {
    return count.sum();
  }

  public double sum() {
    return sum.sum();
  }

  public double mean() {
    long n = count();
    return n == 0 ? Double.NaN : sum() / n;
  }
}
