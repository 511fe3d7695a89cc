package io.ferstream.classifier.topology;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.inference.InferenceEngine;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import java.util.List;

/** Scores one micro-batch with the live release, between swaps, and records the batch's metrics. */
public final class BatchScorer {

  /**
   * The probabilities of one batch, which release produced them, and when its inference started
   * ({@link System#nanoTime()}) and how long it took.
   */
  public record Scores(float[][] probabilities, String releaseId, int ensembleSize, long startedAtNanos,
      double inferenceMillis) {}

  private final EngineHolder engines;
  private final ClassifierMetrics metrics;

  public BatchScorer(EngineHolder engines, ClassifierMetrics metrics) {
    this.engines = engines;
    this.metrics = metrics;
  }

  public Scores score(List<byte[]> crops) {
    try (EngineHolder.Lease lease = engines.acquire()) {
      InferenceEngine engine = lease.engine();
      InferenceEngine.Prediction prediction = engine.predictTimed(crops);
      float[][] p = prediction.probabilities();
      double millis = prediction.inferenceMillis();
      if (p.length != crops.size()) {
        throw new IllegalStateException("release " + engine.releaseId() + " returned " + p.length
            + " rows for " + crops.size() + " crops");
      }
      for (float[] row : p) {
        if (row.length != InferenceEngine.CLASSES) {
          throw new IllegalStateException("release " + engine.releaseId() + " returned " + row.length
              + " classes, expected " + InferenceEngine.CLASSES);
        }
      }
      metrics.batchScored(crops.size(), millis);
      return new Scores(p, engine.releaseId(), engine.ensembleSize(), prediction.startedAtNanos(), millis);
    }
  }
}
