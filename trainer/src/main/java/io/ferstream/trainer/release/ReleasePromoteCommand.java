package io.ferstream.trainer.release;

import io.ferstream.model.release.ReleaseBundle;
import io.ferstream.schemas.ReleaseAction;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferstream release promote}: verifies a bundle and publishes it as the live release. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = {"Verifies a release bundle (checksums, classes, input shape, every member loads and maps "
        + "[1,1,48,48] to [1,6]), archives it in the release store and publishes it on model-releases as a PROMOTE "
        + "record: classifiers swap to it.",
        "Example: ferstream release promote releases/ref4-snap9.zip --transport reference"})
public final class ReleasePromoteCommand extends ReleaseSubcommand {

  @Parameters(index = "0", paramLabel = "ZIP|RELEASE_ID",
      description = "A bundle file, or the id of a release in the store or in the repository's releases.")
  String bundle;

  @Option(names = "--transport", paramLabel = "inline|reference", defaultValue = "inline",
      description = "inline: the bundle travels in the record (bounded by the topic's max.message.bytes); reference: "
          + "the record points to the archived bundle (file: URI, or release.reference.base.uri) "
          + "(default: ${DEFAULT-VALUE}).")
  String transport;

  @Override
  int run(ReleaseConfig settings, PrintWriter out, PrintWriter err) throws Exception {
    ArtifactTransport how = transport(transport);
    ReleaseStore store = new ReleaseStore(settings.storeDir());
    byte[] bytes = read(bundle, store, new RepositoryReleases(settings.releaseDefaultPath()));
    ReleaseBundle verified = ReleaseBundle.load(bytes);
    err.printf("verified %s: %d member(s) of %s%n", verified.releaseId(), verified.manifest().memberCount,
        String.join("+", verified.manifest().architectures));
    PublishedRelease published = publisher(settings, store).publish(bytes, ReleaseAction.PROMOTE, how);
    printPublished(out, "promoted", published);
    return 0;
  }

  /** A file path wins; else a release id, looked up in the store, then in the repository's releases. */
  static byte[] read(String what, ReleaseStore store, RepositoryReleases repository) throws java.io.IOException {
    Path file = Path.of(what);
    if (Files.isRegularFile(file)) {
      return Files.readAllBytes(file);
    }
    if (store.contains(what)) {
      return store.get(what).orElseThrow();
    }
    Optional<Path> shipped = repository.find(what);
    if (shipped.isPresent()) {
      return Files.readAllBytes(shipped.get());
    }
    throw new ReleaseException("'" + what + "' is neither a bundle file nor a release in the store ("
        + store.directory() + ") or in " + repository.path());
  }
}
