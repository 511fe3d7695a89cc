package io.ferstream.serde.client;

import java.time.Duration;

/**
 * How often and how patiently to ask a registry again after a transient failure: exponential backoff,
 * {@code initialBackoff * 2^retry}, capped at {@code maxBackoff}. No jitter: a handful of serializers per
 * process do not stampede, and a predictable schedule is easier to reason about in incident logs.
 *
 * @param maxRetries     retries after the first attempt (0: fail on the first transient error)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff     longest wait between two attempts
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

  /** Confluent's client defaults: 3 retries, 1 s first wait, 20 s longest wait. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20));

  /** Never retries. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must be >= 0, was " + initialBackoff);
    }
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff, was " + maxBackoff);
    }
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration backoff(int retry) {
    // Shift only while it cannot overflow; past 2^30 the cap has long been reached anyway.
    long factor = 1L << Math.min(Math.max(retry, 0), 30);
    long millis = initialBackoff.toMillis();
    long wait = millis > Long.MAX_VALUE / factor ? Long.MAX_VALUE : millis * factor;
    return Duration.ofMillis(Math.min(wait, maxBackoff.toMillis()));
  }
}
