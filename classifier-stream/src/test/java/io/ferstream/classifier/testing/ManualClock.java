package io.ferstream.classifier.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A wall clock that tests move by hand, in step with TopologyTestDriver's mock wall-clock time. */
public final class ManualClock implements LongSupplier {

  private final AtomicLong now;

  public ManualClock(long startMs) {
    now = new AtomicLong(startMs);
  }

  public void advance(Duration d) {
    now.addAndGet(d.toMillis());
  }

  @Override
  public long getAsLong() {
    return now.get();
  }
}
