package io.ferstream.classifier.metrics;

/** The classifier's metrics over JMX ({@code io.ferstream:type=Classifier,name=<application.id>}). */
public interface ClassifierMXBean {

  String getReleaseId();

  double getCropsPerSecond();

  long getCropsReceivedTotal();

  long getEventsTotal();

  long getBatchesTotal();

  double getBatchSizeMean();

  /** Batch-size histogram: upper bound ("le") to the cumulative count of batches, like Prometheus' buckets. */
  java.util.Map<String, Long> getBatchSizeBuckets();

  double getQueueDelayP50Ms();

  double getQueueDelayP99Ms();

  double getEndToEndLatencyP50Ms();

  double getEndToEndLatencyP99Ms();

  double getInferenceMsPerBatchP50();

  double getInferenceMsPerBatchP99();

  long getDeadLettersTotal();

  /** Forwards (a task's events of one batch) after which the task asked for a commit at once. */
  long getForwardsCommittedEarlyTotal();

  /** Forwards whose commit was left to commit.interval.ms (the stream was behind, or early commits are off). */
  long getForwardsCommittedAtIntervalTotal();

  long getReleasesRejectedTotal();

  long getReleaseSwapsTotal();

  long getPendingCrops();
}
