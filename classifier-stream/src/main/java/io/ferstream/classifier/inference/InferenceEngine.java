package io.ferstream.classifier.inference;

import java.util.List;

/**
 * Scores face crops with one model release: an ensemble whose members each run one forward pass on the whole
 * batch, their softmax outputs averaged. Implementations need not be thread-safe for concurrent {@link #predict}
 * calls from different threads unless they say so; the classifier calls it from stream threads.
 */
public interface InferenceEngine extends AutoCloseable {

  /** Number of classes of every probability row (6: Angry, Fear, Happy, Sad, Surprise, Neutral). */
  int CLASSES = 6;

  /** Id of the release whose models this engine runs. */
  String releaseId();

  /** How many members' probabilities are averaged. */
  int ensembleSize();

  /** The engine that runs the members, for logs and the benchmark: {@code dl4j}, {@code samediff}... */
  default String engine() {
    return getClass().getSimpleName();
  }

  /**
   * Scores a batch.
   *
   * @param crops 48x48 grayscale crops, 2304 unsigned bytes each, row-major
   * @return one row of {@link #CLASSES} probabilities per crop, in input order
   */
  float[][] predict(List<byte[]> crops);

  /** Releases native memory; the engine is not used afterwards. */
  @Override
  void close();
}
