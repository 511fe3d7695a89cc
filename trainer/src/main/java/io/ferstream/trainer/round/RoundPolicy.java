package io.ferstream.trainer.round;

import java.time.Duration;
import java.time.Instant;

/**
 * When a round starts: every {@code everyLabels} new labels, or {@code every} after the last round when at least
 * one new label has arrived (retraining on nothing new only burns CPU). A pure function of its inputs.
 */
public record RoundPolicy(long everyLabels, Duration every) {

  public RoundPolicy {
    if (everyLabels < 1) {
      throw new IllegalArgumentException("everyLabels must be >= 1, was " + everyLabels);
    }
    if (every.isNegative()) {
      throw new IllegalArgumentException("every must not be negative, was " + every);
    }
  }

  /** Why a round is due now, or null when it is not. */
  public String due(long newLabels, Instant lastRound, Instant now) {
    if (newLabels >= everyLabels) {
      return newLabels + " new labels (every " + everyLabels + ")";
    }
    if (!every.isZero() && newLabels > 0 && !now.isBefore(lastRound.plus(every))) {
      return every.toMinutes() + " min since the last round, " + newLabels + " new labels";
    }
    return null;
  }
}
