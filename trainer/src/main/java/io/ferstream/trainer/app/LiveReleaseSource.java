package io.ferstream.trainer.app;

import io.ferstream.trainer.release.ArtifactTransport;
import io.ferstream.trainer.release.ReleaseEntry;
import io.ferstream.trainer.release.ReleaseHistory;
import io.ferstream.trainer.release.ReleaseLog;
import io.ferstream.trainer.release.ReleaseStore;
import io.ferstream.trainer.release.RepositoryReleases;
import io.ferstream.trainer.round.LiveRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the release that classifiers serve now, with its bytes, so a round starts from and is judged against exactly
 * that: the last record of model-releases (its bytes from the release store, else inline from the topic, else its
 * file: reference), or, while the topic has none, the repository's default release (what classifiers fall back to).
 */
public final class LiveReleaseSource {

  private final ReleaseLog log;
  private final ReleaseStore store;
  private final RepositoryReleases repository;

  public LiveReleaseSource(ReleaseLog log, ReleaseStore store, RepositoryReleases repository) {
    this.log = log;
    this.store = store;
    this.repository = repository;
  }

  public LiveRelease current() throws IOException {
    ReleaseHistory history = log.read();
    Optional<ReleaseEntry> live = history.live();
    if (live.isPresent()) {
      ReleaseEntry e = live.get();
      Optional<byte[]> bytes = store.get(e.releaseId());
      if (bytes.isEmpty()) {
        bytes = log.inlineBundle(e);
      }
      if (bytes.isEmpty() && e.transport() == ArtifactTransport.REFERENCE && e.artifactUri() != null
          && e.artifactUri().startsWith("file:")) {
        bytes = Optional.of(Files.readAllBytes(Path.of(URI.create(e.artifactUri()))));
      }
      return new LiveRelease(e.releaseId(), bytes.orElseThrow(() -> new IOException("the live release "
          + e.releaseId() + " is neither in the release store " + store.directory() + " nor readable from "
          + log.topic() + " or its artifactUri")), log.topic() + "@" + e.offset());
    }
    RepositoryReleases.RepositoryRelease def = repository.list().stream()
        .filter(RepositoryReleases.RepositoryRelease::latest).findFirst()
        .orElseThrow(() -> new IOException("no release on " + log.topic() + " and no default release in "
            + repository.path()));
    return new LiveRelease(def.releaseId(), Files.readAllBytes(def.path()), def.path().toString());
  }
}
