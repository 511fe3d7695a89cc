package io.ferstream.trainer.release;

import io.ferstream.model.release.ReleaseManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of release bundles, {@code <dir>/<releaseId>.zip}, each with a {@code <releaseId>.zip.sha256} sidecar
 * (the format {@code sha256sum} writes and the classifier's default-release loader reads).
 *
 * <p>Why it exists: model-releases is compacted on the channel key, so the record that carried an older release
 * inline is eventually deleted; rolling back to it then needs its bytes from somewhere else. It is also what
 * {@code file:} references point to. Writes are atomic (temp file + move in the same directory), so a reader never
 * sees half a bundle; reads check the bytes against the sidecar, so a damaged archive is never republished.
 * A release id names one bundle: archiving other bytes under an archived id is refused.
 */
public final class ReleaseStore {

  private static final Logger log = LoggerFactory.getLogger(ReleaseStore.class);

  /** Ids become file names: keep them to characters that are safe in a path and a URI. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}");
  static final String ZIP = ".zip";
  static final String SHA_SUFFIX = ".sha256";

  private final Path dir;

  public ReleaseStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path directory() {
    return dir;
  }

  /**
   * Archives a bundle under the release id its manifest names; returns where. Archiving the same bytes again is a
   * no-op.
   *
   * @throws ReleaseException when that id is already archived with different bytes
   * @throws IOException when the bundle has no readable manifest, or the directory cannot be written
   */
  public StoredRelease put(byte[] bundle) throws IOException {
    ReleaseManifest manifest = ManifestReader.read(bundle);
    String id = manifest.releaseId;
    Path zip = path(id);
    String sha = Sha256.hex(bundle);
    if (Files.isRegularFile(zip)) {
      String archived = sidecar(zip).orElseGet(() -> Sha256.hex(readAll(zip)));
      if (!archived.equalsIgnoreCase(sha)) {
        throw new ReleaseException("release " + id + " is already archived in " + dir + " with sha256 " + archived
            + ", not " + sha + ": a release id must name one bundle (build it under a new id)");
      }
      if (sidecar(zip).isEmpty()) {
        writeAtomically(sidecarPath(zip), (sha + "  " + zip.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return new StoredRelease(ReleaseInfo.of(manifest), zip, bundle.length, sha);
    }
    Files.createDirectories(dir);
    // Sidecar first: a crash between the two leaves no zip, so no release that could be read unchecked.
    writeAtomically(sidecarPath(zip), (sha + "  " + zip.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
    writeAtomically(zip, bundle);
    log.info("Archived release {} ({} bytes, sha256 {}) in {}", id, bundle.length, sha, zip);
    return new StoredRelease(ReleaseInfo.of(manifest), zip, bundle.length, sha);
  }

  /**
   * The bundle archived under {@code releaseId}, checked against its sidecar and its manifest's id; empty when none
   * is archived.
   *
   * @throws ReleaseException when the bytes do not match the sidecar or name another release
   */
  public Optional<byte[]> get(String releaseId) throws IOException {
    Path zip = path(releaseId);
    if (!Files.isRegularFile(zip)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(zip);
    Optional<String> expected = sidecar(zip);
    if (expected.isPresent()) {
      String actual = Sha256.hex(bytes);
      if (!actual.equalsIgnoreCase(expected.get())) {
        throw new ReleaseException(zip + " is damaged: its sha256 is " + actual + ", " + sidecarPath(zip).getFileName()
            + " says " + expected.get());
      }
    } else {
      // A zip copied in by hand: nothing to check the bytes against here; promotion still verifies the bundle.
      log.warn("{} has no {} file: its bytes are not checked", zip, SHA_SUFFIX);
    }
    String inside = ManifestReader.read(bytes).releaseId;
    if (!releaseId.equals(inside)) {
      throw new ReleaseException(zip + " holds release " + inside + ", not " + releaseId);
    }
    return Optional.of(bytes);
  }

  public boolean contains(String releaseId) {
    return SAFE_ID.matcher(releaseId).matches() && Files.isRegularFile(path(releaseId));
  }

  /**
   * Every archived bundle whose manifest can be read and names the release its file name says, by release id;
   * other zips are logged and skipped.
   */
  public List<StoredRelease> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredRelease> releases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path zip : files.filter(p -> p.getFileName().toString().endsWith(ZIP)).filter(Files::isRegularFile)
          .sorted().toList()) {
        try {
          ReleaseManifest m = ManifestReader.read(zip);
          String name = zip.getFileName().toString();
          if (!name.equals(m.releaseId + ZIP)) {
            // get() refuses it too: the file name is the index, and a rollback must not pick the wrong bundle.
            log.warn("Skipping {}: it holds release {}, not {}", zip, m.releaseId,
                name.substring(0, name.length() - ZIP.length()));
            continue;
          }
          releases.add(new StoredRelease(ReleaseInfo.of(m), zip, Files.size(zip), sidecar(zip).orElse(null)));
        } catch (IOException e) {
          log.warn("Skipping {}: {}", zip, e.getMessage());
        }
      }
    }
    releases.sort(Comparator.comparing(StoredRelease::releaseId));
    return List.copyOf(releases);
  }

  /** Where {@code releaseId}'s bundle is (or would be) archived. */
  public Path path(String releaseId) {
    if (releaseId == null || !SAFE_ID.matcher(releaseId).matches()) {
      throw new ReleaseException("release id '" + releaseId + "' cannot be archived: use letters, digits, '.', '_', "
          + "'+' and '-', starting with a letter or digit");
    }
    return dir.resolve(releaseId + ZIP);
  }

  /** The {@code file:} URI of {@code releaseId}'s archived bundle (absolute, so any process on this host can read it). */
  public URI uri(String releaseId) {
    return path(releaseId).toUri();
  }

  private static Path sidecarPath(Path zip) {
    return zip.resolveSibling(zip.getFileName() + SHA_SUFFIX);
  }

  private static Optional<String> sidecar(Path zip) throws IOException {
    Path file = sidecarPath(zip);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text.split("\\s+")[0].toLowerCase(Locale.ROOT));
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
