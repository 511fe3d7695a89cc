package io.ferstream.trainer.release;

/**
 * How a release's bundle reaches the classifiers. Inline is self-contained (a classifier needs nothing but Kafka) but
 * bounded by the topic's {@code max.message.bytes}; a reference keeps records small and needs the classifiers to be
 * able to read the {@code artifactUri} (a shared directory, or an HTTP server in front of the release store).
 */
public enum ArtifactTransport {
  /** The bundle bytes travel in the record's {@code artifact} field. */
  INLINE,
  /** The record carries an {@code artifactUri} ({@code file:}, {@code http:}, {@code https:}) to fetch it from. */
  REFERENCE
}
