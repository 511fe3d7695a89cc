package io.ferstream.trainer.release;

import io.ferstream.model.release.ReleaseBundle;
import io.ferstream.schemas.ReleaseAction;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferstream release rollback}: makes the previous release live again. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Re-publishes the release that was live before the current one (or --to RELEASE_ID) as a ROLLBACK "
        + "record, which classifiers treat as the new live release. The previous release is found by replaying the "
        + "surviving history of model-releases (promotions stack, rollbacks pop), else the live release's parent. "
        + "Its bundle comes from the release store, else from its inline record if compaction left it, else from a "
        + "file: reference or the repository's releases; it is verified before it is published.",
        "Example: ferstream release rollback"})
public final class ReleaseRollbackCommand extends ReleaseSubcommand {

  @Option(names = "--to", paramLabel = "RELEASE_ID", description = "The release to return to (default: the previous one).")
  String to;

  @Option(names = "--transport", paramLabel = "inline|reference", defaultValue = "inline",
      description = "How the bundle travels in the rollback record (default: ${DEFAULT-VALUE}).")
  String transport;

  @Override
  int run(ReleaseConfig settings, PrintWriter out, PrintWriter err) throws Exception {
    ArtifactTransport how = transport(transport);
    ReleaseStore store = new ReleaseStore(settings.storeDir());
    ReleaseLog log = ReleaseLog.from(settings, settings.timeout());
    ReleaseHistory history = log.read();
    ReleaseEntry live = history.live().orElseThrow(() -> new ReleaseException("nothing to roll back: "
        + log.topic() + " has no release (classifiers serve the repository's default release)"));
    String target = to != null ? to : RollbackTarget.choose(history).orElseThrow(() -> new ReleaseException(
        "nothing to roll back to: " + live.releaseId() + " is live, " + log.topic() + " holds no earlier release "
            + "and it names no parent; choose one with --to RELEASE_ID"));
    if (target.equals(live.releaseId())) {
      throw new ReleaseException(target + " is already the live release");
    }
    byte[] bytes = bundle(target, history, store, log, new RepositoryReleases(settings.releaseDefaultPath()));
    Optional<ReleaseEntry> announced = history.latest(target);
    if (announced.isPresent() && announced.get().sha256() != null
        && !announced.get().sha256().equalsIgnoreCase(Sha256.hex(bytes))) {
      throw new ReleaseException("the bundle found for " + target + " hashes to " + Sha256.hex(bytes) + ", but "
          + log.topic() + " announced it with sha256 " + announced.get().sha256());
    }
    ReleaseBundle verified = ReleaseBundle.load(bytes);
    if (!verified.releaseId().equals(target)) {
      throw new ReleaseException("the bundle found for " + target + " is release " + verified.releaseId());
    }
    err.printf("rolling back from %s to %s%n", live.releaseId(), target);
    PublishedRelease published = publisher(settings, store).publish(bytes, ReleaseAction.ROLLBACK, how);
    printPublished(out, "rolled back to", published);
    return 0;
  }

  private static byte[] bundle(String id, ReleaseHistory history, ReleaseStore store, ReleaseLog log,
      RepositoryReleases repository) throws IOException {
    if (store.contains(id)) {
      return store.get(id).orElseThrow();
    }
    Optional<ReleaseEntry> entry = history.latest(id);
    if (entry.isPresent()) {
      Optional<byte[]> inline = log.inlineBundle(entry.get());
      if (inline.isPresent()) {
        return inline.get();
      }
      Optional<Path> file = fileReference(entry.get().artifactUri());
      if (file.isPresent() && Files.isRegularFile(file.get())) {
        return Files.readAllBytes(file.get());
      }
    }
    Optional<Path> shipped = repository.find(id);
    if (shipped.isPresent()) {
      return Files.readAllBytes(shipped.get());
    }
    throw new ReleaseException("cannot roll back to " + id + ": its bundle is not in the release store ("
        + store.directory() + "), not inline on " + log.topic() + " (compacted away?) and not in "
        + repository.path() + "; promote it from its zip instead");
  }

  private static Optional<Path> fileReference(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    try {
      URI parsed = URI.create(uri);
      return "file".equals(String.valueOf(parsed.getScheme()).toLowerCase(Locale.ROOT))
          ? Optional.of(Path.of(parsed)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
