package io.ferstream.classifier.metrics;

import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetters;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything the classifier measures: crops in and out, batch sizes, queueing delay, end-to-end latency, inference
 * time per batch, dead letters and releases. Thread-safe: stream threads record, the HTTP and JMX threads read.
 */
public final class ClassifierMetrics implements DeadLetterCounter, ClassifierMXBean {

  private static final int WINDOW = 8192;

  private final LongAdder cropsReceived = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder forwardsCommittedEarly = new LongAdder();
  private final LongAdder forwardsCommittedAtInterval = new LongAdder();
  private final LongAdder releasesRejected = new LongAdder();
  private final LongAdder releaseSwaps = new LongAdder();
  private final Map<DeadLetters.Stage, LongAdder> deadLetters = new EnumMap<>(DeadLetters.Stage.class);
  private final RateMeter cropRate = new RateMeter(10);
  private final BucketHistogram batchSizes = BucketHistogram.powersOfTwo(4096);
  private final SlidingWindow queueDelayMs = new SlidingWindow(WINDOW);
  private final SlidingWindow endToEndMs = new SlidingWindow(WINDOW);
  private final SlidingWindow inferenceMs = new SlidingWindow(WINDOW);
  private volatile Supplier<String> releaseId = () -> null;
  private volatile LongSupplier pending = () -> 0;

  public ClassifierMetrics() {
    for (DeadLetters.Stage s : DeadLetters.Stage.values()) {
      deadLetters.put(s, new LongAdder());
    }
  }

  /** Where the live release id and the pending-crop count come from. */
  public ClassifierMetrics bind(Supplier<String> releaseIdSource, LongSupplier pendingSource) {
    this.releaseId = releaseIdSource;
    this.pending = pendingSource;
    return this;
  }

  public void cropReceived() {
    cropsReceived.increment();
  }

  /** One scored batch: its size and how long its forward passes took. */
  public void batchScored(int size, double inferenceMillis) {
    batches.increment();
    batchSizes.record(size);
    inferenceMs.record(inferenceMillis);
  }

  /** One event forwarded: how long its crop waited for its batch, and for how long it has been in the system. */
  public void eventForwarded(long queueDelayMillis, long endToEndMillis) {
    events.increment();
    cropRate.mark(1);
    queueDelayMs.record(queueDelayMillis);
    endToEndMs.record(endToEndMillis);
  }

  /**
   * A task forwarded a batch's events and asked for a commit right away ({@code early}) or left the commit to
   * {@code commit.interval.ms} (the stream was behind, or early commits are off).
   */
  public void batchForwarded(boolean early) {
    (early ? forwardsCommittedEarly : forwardsCommittedAtInterval).increment();
  }

  @Override
  public void deadLettered(DeadLetters.Stage stage) {
    deadLetters.get(stage).increment();
  }

  public void releaseRejected() {
    releasesRejected.increment();
  }

  public void releaseSwapped() {
    releaseSwaps.increment();
  }

  BucketHistogram batchSizes() {
    return batchSizes;
  }

  SlidingWindow queueDelay() {
    return queueDelayMs;
  }

  SlidingWindow endToEnd() {
    return endToEndMs;
  }

  SlidingWindow inference() {
    return inferenceMs;
  }

  long deadLetters(DeadLetters.Stage stage) {
    return deadLetters.get(stage).sum();
  }

  @Override
  public String getReleaseId() {
    return releaseId.get();
  }

  @Override
  public double getCropsPerSecond() {
    return cropRate.perSecond();
  }

  @Override
  public long getCropsReceivedTotal() {
    return cropsReceived.sum();
  }

  @Override
  public long getEventsTotal() {
    return events.sum();
  }

  @Override
  public long getBatchesTotal() {
    return batches.sum();
  }

  @Override
  public double getBatchSizeMean() {
    return batchSizes.mean();
  }

  @Override
  public Map<String, Long> getBatchSizeBuckets() {
    Map<String, Long> buckets = new java.util.LinkedHashMap<>();
    double[] bounds = batchSizes.bounds();
    for (int i = 0; i < bounds.length; i++) {
      buckets.put(Long.toString((long) bounds[i]), batchSizes.cumulative(i));
    }
    buckets.put("+Inf", batchSizes.count());
    return buckets;
  }

  @Override
  public double getQueueDelayP50Ms() {
    return queueDelayMs.quantile(0.5);
  }

  @Override
  public double getQueueDelayP99Ms() {
    return queueDelayMs.quantile(0.99);
  }

  @Override
  public double getEndToEndLatencyP50Ms() {
    return endToEndMs.quantile(0.5);
  }

  @Override
  public double getEndToEndLatencyP99Ms() {
    return endToEndMs.quantile(0.99);
  }

  @Override
  public double getInferenceMsPerBatchP50() {
    return inferenceMs.quantile(0.5);
  }

  @Override
  public double getInferenceMsPerBatchP99() {
    return inferenceMs.quantile(0.99);
  }

  @Override
  public long getDeadLettersTotal() {
    return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  public long getForwardsCommittedEarlyTotal() {
    return forwardsCommittedEarly.sum();
  }

  @Override
  public long getForwardsCommittedAtIntervalTotal() {
    return forwardsCommittedAtInterval.sum();
  }

  @Override
  public long getReleasesRejectedTotal() {
    return releasesRejected.sum();
  }

  @Override
  public long getReleaseSwapsTotal() {
    return releaseSwaps.sum();
  }

  @Override
  public long getPendingCrops() {
    return pending.getAsLong();
  }
}
