package io.ferstream.classifier.metrics;

import java.util.Arrays;

/**
 * The last {@code capacity} samples of a measurement, for quantiles over recent traffic, plus the all-time count and
 * sum that Prometheus summaries carry. Thread-safe; recording costs a lock and an array write.
 */
public final class SlidingWindow {

  private final double[] samples;
  private int next;
  private int size;
  private long count;
  private double sum;

  public SlidingWindow(int capacity) {
    samples = new double[capacity];
  }

  public synchronized void record(double value) {
    samples[next] = value;
    next = (next + 1) % samples.length;
    size = Math.min(size + 1, samples.length);
    count++;
    sum += value;
  }

  public synchronized long count() {
    return count;
  }

  public synchronized double sum() {
    return sum;
  }

  /** The q-quantile (0..1) of the recent samples by the nearest-rank method, or NaN without samples. */
  public double quantile(double q) {
    return quantiles(q)[0];
  }

  /** Several quantiles from one sorted copy. */
  public double[] quantiles(double... qs) {
    double[] copy;
    synchronized (this) {
      copy = Arrays.copyOf(samples, size);
    }
    double[] out = new double[qs.length];
    if (copy.length == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    Arrays.sort(copy);
    for (int i = 0; i < qs.length; i++) {
      int rank = (int) Math.ceil(qs[i] * copy.length);
      out[i] = copy[Math.max(0, Math.min(copy.length - 1, rank - 1))];
    }
    return out;
  }
}
