package io.ferstream.ingest.run;

/**
 * Real-time pacing: holds each step until its timestamp, measured from the first step, has come on the wall
 * clock (divided by {@code speed}), so a file plays like the camera that recorded it. {@link #none()} runs as
 * fast as the CPU allows.
 */
public interface Pacer {

  void await(long timestampMillis) throws InterruptedException;

  static Pacer none() {
    return timestamp -> { };
  }

  static Pacer realtime(double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be > 0, was " + speed);
    }
    return new Pacer() {
      private long firstTimestamp = Long.MIN_VALUE;
      private long startNanos;

      @Override
      public void await(long timestampMillis) throws InterruptedException {
        if (firstTimestamp == Long.MIN_VALUE) {
          firstTimestamp = timestampMillis;
          startNanos = System.nanoTime();
          return;
        }
        long due = startNanos + (long) ((timestampMillis - firstTimestamp) * 1_000_000 / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    };
  }
}
