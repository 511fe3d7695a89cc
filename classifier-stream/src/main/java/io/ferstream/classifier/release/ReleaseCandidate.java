package io.ferstream.classifier.release;

import io.ferstream.schemas.ModelRelease;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A release to load: where its bundle is and what its bytes must hash to.
 *
 * @param releaseId the announced id
 * @param inlineBundle the bundle bytes when they travel inside the record, else null
 * @param artifactUri where to fetch the bundle otherwise ({@code file:}, {@code http:}, {@code https:})
 * @param sha256 expected hex SHA-256 of the bundle, or null when the source is trusted as is (the repository's
 *     default release without a {@code .sha256} file)
 * @param sizeBytes expected size, or 0 when unknown
 * @param origin for log lines: the topic position or the file it came from
 * @param idAnnounced true when {@code releaseId} was announced (a model-releases record): the bundle must carry
 *     the same id; false when it is only a name (a file): the bundle's own id is used
 */
public record ReleaseCandidate(String releaseId, byte[] inlineBundle, String artifactUri, String sha256,
    long sizeBytes, String origin, boolean idAnnounced) {

  public ReleaseCandidate {
    Objects.requireNonNull(releaseId, "releaseId");
    if (inlineBundle == null && artifactUri == null) {
      throw new IllegalArgumentException("release " + releaseId + " has neither an inline bundle nor an artifactUri");
    }
  }

  /** The candidate a model-releases record describes. */
  public static ReleaseCandidate of(ModelRelease release, String origin) {
    byte[] inline = null;
    ByteBuffer artifact = release.getArtifact();
    if (artifact != null) {
      ByteBuffer b = artifact.duplicate();
      inline = new byte[b.remaining()];
      b.get(inline);
    }
    return new ReleaseCandidate(release.getReleaseId(), inline, release.getArtifactUri(), release.getSha256(),
        release.getSizeBytes(), origin, true);
  }
}
