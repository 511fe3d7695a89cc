package io.ferstream.classifier.testing;

import io.ferstream.classifier.inference.InferenceEngine;
import java.util.List;

/** An engine that hands every call to another; subclasses change the one they are about. */
public abstract class ForwardingEngine implements InferenceEngine {

  private final InferenceEngine delegate;

  protected ForwardingEngine(InferenceEngine delegate) {
    this.delegate = delegate;
  }

  @Override
  public String releaseId() {
    return delegate.releaseId();
  }

  @Override
  public int ensembleSize() {
    return delegate.ensembleSize();
  }

  @Override
  public String engine() {
    return delegate.engine();
  }

  @Override
  public float[][] predict(List<byte[]> crops) {
    return delegate.predict(crops);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
