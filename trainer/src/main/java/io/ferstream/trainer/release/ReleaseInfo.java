package io.ferstream.trainer.release;

import io.ferstream.model.release.ReleaseManifest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bundle's manifest says about a release, in the shape of a ModelRelease record's fields: both the publisher
 * (to fill the record) and the listings (to describe archived bundles) need exactly this.
 *
 * @param architecture the member architectures and count, e.g. {@code ref4x9} or {@code ref4+ref5x18}
 * @param createdAt when the bundle was built, or null when the manifest does not say (or says it unreadably)
 */
public record ReleaseInfo(String releaseId, String parentReleaseId, String architecture, int memberCount,
    Map<String, Double> metrics, Instant createdAt) {

  public ReleaseInfo {
    metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public static ReleaseInfo of(ReleaseManifest m) {
    String archs = m.architectures == null || m.architectures.isEmpty() ? "unknown" : String.join("+", m.architectures);
    return new ReleaseInfo(m.releaseId, m.parentReleaseId, archs + "x" + m.memberCount, m.memberCount, m.metrics,
        parse(m.createdAt));
  }

  private static Instant parse(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
