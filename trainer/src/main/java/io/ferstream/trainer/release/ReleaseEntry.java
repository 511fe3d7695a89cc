package io.ferstream.trainer.release;

import io.ferstream.schemas.ModelRelease;
import io.ferstream.schemas.ReleaseAction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of model-releases, without its bundle bytes (a history of inline releases would otherwise hold every
 * bundle in memory; {@link ReleaseLog#inlineBundle} reads one back when it is needed).
 *
 * @param channel the record key (the release channel), or null
 * @param createdTimestamp when the release was built (its own field; a rollback record keeps the old release's)
 * @param recordTimestamp when the record was published (what makes it live)
 * @param artifactUri where the bundle is for {@link ArtifactTransport#REFERENCE}, else null
 */
public record ReleaseEntry(String releaseId, ReleaseAction action, String parentReleaseId, String architecture,
    Map<String, Double> metrics, Instant createdTimestamp, Instant recordTimestamp, int partition, long offset,
    String channel, ArtifactTransport transport, String artifactUri, long sizeBytes, String sha256) {

  public ReleaseEntry {
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  static ReleaseEntry of(ModelRelease m, String key, int partition, long offset, long timestamp) {
    ArtifactTransport transport = m.getArtifact() != null ? ArtifactTransport.INLINE : ArtifactTransport.REFERENCE;
    long size = m.getSizeBytes() > 0 || m.getArtifact() == null ? m.getSizeBytes() : m.getArtifact().remaining();
    return new ReleaseEntry(m.getReleaseId(), m.getAction(), m.getParentReleaseId(), m.getArchitecture(),
        m.getMetrics(), m.getCreatedTimestamp(), Instant.ofEpochMilli(timestamp), partition, offset, key, transport,
        m.getArtifactUri(), size, m.getSha256());
  }
}
