package io.ferstream.trainer.release;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferstream release list}: every release the system knows of, and which one is live. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Lists the releases on model-releases in topic order (the live one marked *), the release store's "
        + "releases the topic no longer holds (compaction keeps only each channel's last record), and the "
        + "repository's releases (L: the one LATEST names, served while the topic has none).",
        "Example: ferstream release list --json"})
public final class ReleaseListCommand extends ReleaseSubcommand {

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Override
  int run(ReleaseConfig settings, PrintWriter out, PrintWriter err) throws Exception {
    ReleaseHistory history = ReleaseLog.from(settings, settings.timeout()).read();
    RepositoryReleases repository = new RepositoryReleases(settings.releaseDefaultPath());
    ReleaseListing listing = new ReleaseListing(history, new ReleaseStore(settings.storeDir()).list(),
        repository.path(), repository.list());
    if (json) {
      listing.printJson(out);
    } else {
      listing.printText(out);
    }
    return 0;
  }
}
