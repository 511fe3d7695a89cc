package io.ferstream.trainer.release;

import java.nio.file.Path;

/**
 * A bundle archived in a {@link ReleaseStore}.
 *
 * @param sha256 from the bundle's {@code .sha256} sidecar, or null when the zip was copied in without one
 */
public record StoredRelease(ReleaseInfo info, Path path, long sizeBytes, String sha256) {

  public String releaseId() {
    return info.releaseId();
  }
}
