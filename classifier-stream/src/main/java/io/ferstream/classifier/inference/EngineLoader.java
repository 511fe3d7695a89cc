package io.ferstream.classifier.inference;

/** Turns a verified release bundle (a zip) into a ready {@link InferenceEngine}. */
@FunctionalInterface
public interface EngineLoader {

  /**
   * @param releaseId the release id announced for the bundle (the bundle's own id wins when it has one)
   * @param bundle the bundle zip bytes, already verified against their SHA-256
   * @throws Exception when the bundle cannot be read or its models fail their self-check
   */
  InferenceEngine load(String releaseId, byte[] bundle) throws Exception;
}
