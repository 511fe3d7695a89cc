package io.ferstream.replay.evaluate;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.inference.InferenceEngine;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.topology.BatchScorer;
import io.ferstream.model.eval.Predictor;
import java.util.Arrays;

/**
 * A release's {@link InferenceEngine} as the model module's {@link Predictor}, scoring through the classifier
 * stream's own {@link BatchScorer} (the code every live micro-batch goes through: lease the engine, predict, check
 * the output's shape). Closing it closes the engine.
 */
public final class EnginePredictor implements Predictor, AutoCloseable {

  private final EngineHolder holder;
  private final BatchScorer scorer;
  private final String releaseId;
  private final String engine;
  private final int ensembleSize;

  public EnginePredictor(InferenceEngine engine) {
    this.holder = new EngineHolder(engine);
    this.scorer = new BatchScorer(holder, new ClassifierMetrics());
    this.releaseId = engine.releaseId();
    this.engine = engine.engine();
    this.ensembleSize = engine.ensembleSize();
  }

  @Override
  public float[][] predict(byte[][] crops) {
    return scorer.score(Arrays.asList(crops)).probabilities();
  }

  public String releaseId() {
    return releaseId;
  }

  /** {@code samediff}, {@code dl4j}...: what actually serves the release after the loader's checks. */
  public String engine() {
    return engine;
  }

  public int ensembleSize() {
    return ensembleSize;
  }

  @Override
  public void close() {
    holder.close();
  }
}
