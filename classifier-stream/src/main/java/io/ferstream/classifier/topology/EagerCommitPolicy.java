package io.ferstream.classifier.topology;

/**
 * Whether a task asks Kafka Streams to commit right after it has forwarded a batch's events, rather than leaving the
 * commit to {@code commit.interval.ms}.
 *
 * <p>An early commit makes the events visible to {@code read_committed} consumers sooner, for one transaction per
 * batch. That is worth it while the stream keeps up. When it is behind, the crops are already late and each early
 * commit costs CPU that catching up needs: at 8 crops per batch on two cores the transaction commits took a quarter
 * of the throughput (docs/benchmarks.md). So the commit is asked for only while the newest crop the task processed
 * arrived within {@code maxArrivalLagMs} of its record timestamp (wall clock minus record timestamp, the lag that
 * Kafka Streams' own {@code record-e2e-latency} metric measures). Behind that, events wait at most one more commit
 * interval.
 *
 * <p><b>Spacing.</b> Early commits are at least {@code minSpacingMs} apart: a forward within that time of the last
 * early commit defers its commit, which the task's next process or punctuation asks for once the spacing has passed
 * (punctuation runs every {@code batch.punctuate.interval.ms}, 1-10 ms). Why: a transaction commit costs the stream
 * thread a few ms (flushing the events, then two requests to the transaction coordinator: 5 ms on average at one crop
 * per batch with the networks busy on both cores, JFR, docs/benchmarks.md). At one crop per batch a commit per
 * batch cost more than the batch's inference, so the stream thread committed more than it scored and fell behind
 * the crops arriving, and they queued (p50 67-118 ms).
 *
 * <p>The lag compares this host's clock with the producer's (CreateTime) or the broker's (LogAppendTime). Clock skew
 * changes only when the commit happens, never what is committed: a producer clock ahead makes every commit early (the
 * behaviour with {@code maxArrivalLagMs < 0}), one behind by more than the bound leaves all commits to the interval.
 *
 * @param enabled whether to commit after forwarding at all ({@code batch.commit.on.forward})
 * @param maxArrivalLagMs the largest arrival lag at which to commit early; negative: whatever the lag
 * @param minSpacingMs     the shortest time between two early commits of a task ({@code
 *                         batch.commit.on.forward.min.spacing.ms}); 0: none
 */
public record EagerCommitPolicy(boolean enabled, long maxArrivalLagMs, long minSpacingMs) {

  /** Commits after every forwarded batch. */
  public static final EagerCommitPolicy ALWAYS = new EagerCommitPolicy(true, -1, 0);

  /** Leaves every commit to {@code commit.interval.ms}. */
  public static final EagerCommitPolicy NEVER = new EagerCommitPolicy(false, -1, 0);

  public EagerCommitPolicy {
    if (minSpacingMs < 0) {
      throw new IllegalArgumentException("minSpacingMs must be >= 0, was " + minSpacingMs);
    }
  }

  /** Whether a forward may be committed early at all, given the arrival lag of the task's newest crop. */
  public boolean commitAfterForward(long arrivalLagMs) {
    return enabled && (maxArrivalLagMs < 0 || arrivalLagMs <= maxArrivalLagMs);
  }

  /** Whether an early commit may be asked for now, {@code sinceLastEarlyMs} after the task's last one. */
  public boolean spacedEnough(long sinceLastEarlyMs) {
    return sinceLastEarlyMs >= minSpacingMs;
  }
}
