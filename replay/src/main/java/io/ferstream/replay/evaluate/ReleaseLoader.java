package io.ferstream.replay.evaluate;

import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.inference.InferenceEngine;
import io.ferstream.classifier.release.BundleFetcher;
import io.ferstream.classifier.release.DefaultRelease;
import io.ferstream.classifier.release.ReleaseCandidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Loads a release named on the command line into the classifier's own {@link InferenceEngine}, with the
 * classifier's loaders ({@link EngineKind#loader()}: the same self-check, SameDiff conversion and fallback as a
 * live release). {@code --release} takes {@code default} (the classifier's default release), a bundle zip or a
 * directory (resolved like {@code release.default.path}), or the id of a bundle in the default release folder.
 */
public final class ReleaseLoader {

  /** The value of {@code --release} that means the classifier's default release. */
  public static final String DEFAULT = "default";

  private final Path defaultPath;
  private final EngineKind engine;
  private final Duration fetchTimeout;

  public ReleaseLoader(Path defaultPath, EngineKind engine, Duration fetchTimeout) {
    this.defaultPath = defaultPath;
    this.engine = engine;
    this.fetchTimeout = fetchTimeout;
  }

  /** Where {@code spec} points, as a verified-on-load candidate. */
  public ReleaseCandidate resolve(String spec) throws Exception {
    if (spec.equals(DEFAULT)) {
      return DefaultRelease.resolve(defaultPath);
    }
    Path given = Path.of(spec);
    if (Files.exists(given)) {
      return DefaultRelease.resolve(given);
    }
    Path folder = Files.isDirectory(defaultPath) ? defaultPath : defaultPath.toAbsolutePath().getParent();
    if (folder != null) {
      Path byId = folder.resolve(spec.endsWith(".zip") ? spec : spec + ".zip");
      if (Files.isRegularFile(byId)) {
        return DefaultRelease.resolve(byId);
      }
    }
    throw new IllegalArgumentException("release '" + spec + "' is neither 'default', an existing bundle or folder, "
        + "nor a bundle id in " + (folder == null ? defaultPath : folder).toAbsolutePath());
  }

  /** Resolves, reads (checking a {@code .sha256} sidecar when there is one) and loads {@code spec}. */
  public InferenceEngine load(String spec) throws Exception {
    ReleaseCandidate candidate = resolve(spec);
    byte[] bundle = new BundleFetcher(fetchTimeout).fetch(candidate);
    return engine.loader().load(candidate.releaseId(), bundle);
  }
}
