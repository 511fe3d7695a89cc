package io.ferstream.classifier.testing;

import io.ferstream.classifier.inference.InferenceEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic engine for unit tests: a crop whose first pixel is {@code v} gets probability 0.5 on class
 * {@code v % 6} and 0.1 on the others. Records the size of every batch it scores.
 */
public final class TestEngine implements InferenceEngine {

  private final String releaseId;
  private final int ensembleSize;
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile RuntimeException failure;

  public TestEngine(String releaseId, int ensembleSize) {
    this.releaseId = releaseId;
    this.ensembleSize = ensembleSize;
  }

  public TestEngine(String releaseId) {
    this(releaseId, 3);
  }

  /** The class a crop starting with {@code firstPixel} is predicted as. */
  public static int predictedClass(int firstPixel) {
    return (firstPixel & 0xff) % CLASSES;
  }

  /** Makes every later predict() throw {@code e} (null to stop). */
  public void failWith(RuntimeException e) {
    failure = e;
  }

  @Override
  public String releaseId() {
    return releaseId;
  }

  @Override
  public int ensembleSize() {
    return ensembleSize;
  }

  @Override
  public float[][] predict(List<byte[]> crops) {
    if (closed) {
      throw new IllegalStateException("engine " + releaseId + " is closed");
    }
    if (failure != null) {
      throw failure;
    }
    batchSizes.add(crops.size());
    float[][] out = new float[crops.size()][CLASSES];
    for (int i = 0; i < crops.size(); i++) {
      java.util.Arrays.fill(out[i], 0.1f);
      out[i][predictedClass(crops.get(i)[0])] = 0.5f;
    }
    return out;
  }

  public List<Integer> batchSizes() {
    return batchSizes;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
