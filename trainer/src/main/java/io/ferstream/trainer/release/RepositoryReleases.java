package io.ferstream.trainer.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The releases shipped in the repository ({@code releases/}), which classifiers serve while model-releases has none:
 * the zip named by the directory's {@code LATEST} file is the one they load.
 */
public final class RepositoryReleases {

  static final String LATEST_FILE = "LATEST";

  /**
   * One bundle of the repository.
   *
   * @param info what its manifest says, or null when it cannot be read
   * @param latest whether {@code LATEST} names it (the classifier's default release)
   */
  public record RepositoryRelease(Path path, ReleaseInfo info, long sizeBytes, boolean latest) {

    /** The manifest's release id, else the file name without {@code .zip}. */
    public String releaseId() {
      if (info != null) {
        return info.releaseId();
      }
      String name = path.getFileName().toString();
      return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }
  }

  private final Path path;

  /** @param path the directory of releases, or a single bundle zip (as {@code release.default.path} allows) */
  public RepositoryReleases(Path path) {
    this.path = path.toAbsolutePath().normalize();
  }

  public Path path() {
    return path;
  }

  /** Every bundle, by file name; empty when the path does not exist. */
  public List<RepositoryRelease> list() throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(describe(path, true));
    }
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    String latest = latestName().orElse(null);
    List<RepositoryRelease> releases = new ArrayList<>();
    try (Stream<Path> files = Files.list(path)) {
      for (Path zip : files.filter(p -> p.getFileName().toString().endsWith(".zip")).filter(Files::isRegularFile)
          .sorted().toList()) {
        String name = zip.getFileName().toString();
        boolean isLatest = latest != null && (name.equals(latest) || name.equals(latest + ".zip"));
        releases.add(describe(zip, isLatest));
      }
    }
    return List.copyOf(releases);
  }

  /** The bundle of {@code releaseId}: by manifest id, else by file name. */
  public Optional<Path> find(String releaseId) throws IOException {
    for (RepositoryRelease r : list()) {
      if (r.releaseId().equals(releaseId) || r.path().getFileName().toString().equals(releaseId + ".zip")) {
        return Optional.of(r.path());
      }
    }
    return Optional.empty();
  }

  private Optional<String> latestName() throws IOException {
    Path file = path.resolve(LATEST_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String name = Files.readString(file, StandardCharsets.UTF_8).trim();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  private static RepositoryRelease describe(Path zip, boolean latest) throws IOException {
    ReleaseInfo info;
    try {
      info = ReleaseInfo.of(ManifestReader.read(zip));
    } catch (IOException e) {
      info = null; // listed anyway: the classifier would still try it, and the operator should see it
    }
    return new RepositoryRelease(zip, info, Files.size(zip), latest);
  }
}
