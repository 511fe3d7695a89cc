package io.ferstream.trainer.round;

import java.util.Objects;

/**
 * The release a round starts from: its id and its bundle bytes.
 *
 * @param origin where it came from, for logs and reports (a topic position, the store, the default file)
 */
public record LiveRelease(String releaseId, byte[] bundle, String origin) {

  public LiveRelease {
    Objects.requireNonNull(releaseId, "releaseId");
    Objects.requireNonNull(bundle, "bundle");
  }
}
