package io.ferstream.classifier.inference;

import java.util.List;

/**
 * Scores face crops with one model release: an ensemble whose members each run one forward pass on the whole
 * batch, their softmax outputs averaged. Implementations are safe for concurrent calls: the classifier scores up
 * to {@code batch.max.in.flight} batches of each stream thread at once, and an engine decides how they share its
 * threads (one after the other, or queued pass by pass on its inference threads).
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

  /**
   * A batch's probabilities and when the engine worked on them: from the start of its first forward pass to the end
   * of its last, not counting a wait behind batches submitted before it (on {@link System#nanoTime()}'s clock).
   */
  record Prediction(float[][] probabilities, long startedAtNanos, long finishedAtNanos) {
    /** Milliseconds from the first pass's start to the last one's end. */
    public double inferenceMillis() {
      return (finishedAtNanos - startedAtNanos) / 1e6;
    }
  }

  /**
   * Scores a batch like {@link #predict} and says when its inference ran. This default times the whole call; an
   * engine that queues batches behind each other overrides it, so that the wait is not counted as inference.
   */
  default Prediction predictTimed(List<byte[]> crops) {
    long start = System.nanoTime();
    float[][] p = predict(crops);
    return new Prediction(p, start, System.nanoTime());
  }

  /** Releases native memory; the engine is not used afterwards. */
  @Override
  void close();
}
