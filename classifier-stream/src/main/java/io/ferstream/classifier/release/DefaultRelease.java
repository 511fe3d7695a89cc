package io.ferstream.classifier.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The release shipped in the repository, used while the model-releases topic has none. {@code release.default.path}
 * names a bundle zip, or a directory: then the zip its {@code LATEST} file names, else its newest zip. A
 * {@code <bundle>.sha256} file next to the zip, when present, is verified like a topic release's hash.
 */
public final class DefaultRelease {

  public static final String LATEST_FILE = "LATEST";

  private DefaultRelease() {}

  public static ReleaseCandidate resolve(Path path) throws ReleaseRejectedException {
    Path bundle = Files.isDirectory(path) ? pick(path) : path;
    if (!Files.isRegularFile(bundle)) {
      throw new ReleaseRejectedException("no default release: " + bundle.toAbsolutePath() + " is not a file");
    }
    String name = bundle.getFileName().toString();
    String releaseId = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    return new ReleaseCandidate(releaseId, null, bundle.toAbsolutePath().toUri().toString(), sidecarHash(bundle), 0,
        bundle.toAbsolutePath().toString(), false);
  }

  private static Path pick(Path dir) throws ReleaseRejectedException {
    Path latest = dir.resolve(LATEST_FILE);
    try {
      if (Files.isRegularFile(latest)) {
        String target = Files.readString(latest, StandardCharsets.UTF_8).trim();
        Path named = dir.resolve(target);
        return Files.isDirectory(named) ? pick(named) : named.getFileName().toString().endsWith(".zip")
            ? named : dir.resolve(target + ".zip");
      }
      try (Stream<Path> files = Files.walk(dir, 2)) {
        Optional<Path> newest = files.filter(p -> p.getFileName().toString().endsWith(".zip"))
            .filter(Files::isRegularFile)
            .max(Comparator.comparing((Path p) -> lastModified(p)).thenComparing(Path::toString));
        return newest.orElseThrow(() -> new ReleaseRejectedException("no release bundle (*.zip) in "
            + dir.toAbsolutePath()));
      }
    } catch (IOException e) {
      throw new ReleaseRejectedException("cannot read " + dir.toAbsolutePath() + ": " + e, e);
    }
  }

  private static String sidecarHash(Path bundle) throws ReleaseRejectedException {
    Path sidecar = bundle.resolveSibling(bundle.getFileName() + ".sha256");
    if (!Files.isRegularFile(sidecar)) {
      return null;
    }
    try {
      String text = Files.readString(sidecar, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? null : text.split("\\s+")[0];
    } catch (IOException e) {
      throw new ReleaseRejectedException("cannot read " + sidecar + ": " + e, e);
    }
  }

  private static long lastModified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
