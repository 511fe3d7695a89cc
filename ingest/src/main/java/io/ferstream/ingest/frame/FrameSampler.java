package io.ferstream.ingest.frame;

/**
 * Keeps frames at a target rate ({@code --fps}) by their timestamps, not by counting frames, so variable
 * frame-rate video and live streams are sampled evenly too. A rate of 0 keeps every frame.
 */
public final class FrameSampler {

  private final long intervalMicros;
  private long nextDue = Long.MIN_VALUE;

  public FrameSampler(double fps) {
    if (fps < 0 || Double.isNaN(fps)) {
      throw new IllegalArgumentException("fps must be >= 0 (0: every frame), was " + fps);
    }
    this.intervalMicros = fps == 0 ? 0 : Math.round(1_000_000 / fps);
  }

  public static FrameSampler everyFrame() {
    return new FrameSampler(0);
  }

  /** True when the frame at {@code micros} (non-decreasing between calls) is to be processed. */
  public boolean keep(long micros) {
    if (intervalMicros == 0) {
      return true;
    }
    if (nextDue == Long.MIN_VALUE) {
      nextDue = micros + intervalMicros;
      return true;
    }
    if (micros < nextDue) {
      return false;
    }
    // Advance on the grid; after a gap (a stalled stream), restart from this frame instead of catching up.
    nextDue += intervalMicros;
    if (nextDue <= micros) {
      nextDue = micros + intervalMicros;
    }
    return true;
  }
}
