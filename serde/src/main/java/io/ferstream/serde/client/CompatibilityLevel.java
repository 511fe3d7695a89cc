package io.ferstream.serde.client;

import java.util.Locale;

/** Confluent's compatibility levels, as {@code GET/PUT /config} spell them. */
public enum CompatibilityLevel {
  NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

  /** Parses a level case-insensitively, as the registry itself accepts them. */
  public static CompatibilityLevel parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown compatibility level '" + value + "'", e);
    }
  }

  /** Whether the new schema must be checked against every earlier version, not only the latest. */
  public boolean isTransitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /** Whether the new schema must be able to read data written with earlier versions. */
  public boolean checksBackward() {
    return this != NONE && !name().startsWith("FORWARD");
  }

  /** Whether earlier versions must be able to read data written with the new schema. */
  public boolean checksForward() {
    return this != NONE && !name().startsWith("BACKWARD");
  }
}
