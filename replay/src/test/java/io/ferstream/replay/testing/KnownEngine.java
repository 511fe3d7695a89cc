package io.ferstream.replay.testing;

import io.ferstream.classifier.inference.InferenceEngine;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A release whose predictions are known: a crop whose first pixel is {@code v} gets probability 0.5 on class
 * {@code rule(v)} and 0.1 on each other class.
 */
public final class KnownEngine implements InferenceEngine {

  private final String releaseId;
  private final IntUnaryOperator rule;
  private volatile boolean closed;

  public KnownEngine(String releaseId, IntUnaryOperator rule) {
    this.releaseId = releaseId;
    this.rule = rule;
  }

  /** Predicts class {@code v % 6}. */
  public static KnownEngine modulo(String releaseId) {
    return new KnownEngine(releaseId, v -> v % CLASSES);
  }

  @Override
  public String releaseId() {
    return releaseId;
  }

  @Override
  public int ensembleSize() {
    return 1;
  }

  @Override
  public String engine() {
    return "known";
  }

  @Override
  public float[][] predict(List<byte[]> crops) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    float[][] out = new float[crops.size()][CLASSES];
    for (int i = 0; i < crops.size(); i++) {
      Arrays.fill(out[i], 0.1f);
      out[i][rule.applyAsInt(crops.get(i)[0] & 0xff)] = 0.5f;
    }
    return out;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
