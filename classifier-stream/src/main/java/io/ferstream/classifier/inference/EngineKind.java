package io.ferstream.classifier.inference;

import java.util.Locale;

/** Which inference engine serves a release (key {@code inference.engine}). */
public enum EngineKind {
  /** SameDiff when the release converts and its outputs match the DL4J networks on a warm-up batch, else DL4J. */
  AUTO,
  /** SameDiff only: a release that does not convert or does not match DL4J is rejected. */
  SAMEDIFF,
  /** DL4J's MultiLayerNetwork members ({@code Ensemble}), as trained. */
  DL4J;

  /** Parses {@code auto}, {@code samediff} or {@code dl4j} (any case). */
  public static EngineKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("inference engine must be auto, samediff or dl4j, was '" + text + "'", e);
    }
  }

  /** The loader that serves releases with this engine choice (the same for the first release and hot swaps). */
  public EngineLoader loader() {
    return this == DL4J ? new Dl4jEngineLoader() : new SameDiffEngineLoader(this);
  }

  /** The config value. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
