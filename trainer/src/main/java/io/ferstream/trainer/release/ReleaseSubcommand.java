package io.ferstream.trainer.release;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.model.release.InvalidReleaseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code ferstream release} subcommand shares: the configuration flags, {@code --store}, and the rule that
 * an operator's mistake (nothing to roll back to, a bundle too large, an invalid bundle) ends with one line and exit
 * code 1 rather than a stack trace, wherever the command is hosted. Other failures propagate to the host's handler.
 */
abstract class ReleaseSubcommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "DIR",
      description = "Release store: the directory archiving published bundles (key " + ReleaseConfig.RELEASE_STORE_DIR
          + "; default " + ReleaseConfig.RELEASE_STORE_DIR_DEFAULT + ").")
  Path store;

  ReleaseConfig settings() {
    return config.put(ReleaseConfig.RELEASE_STORE_DIR, store).build(ReleaseConfig.configDef(), ReleaseConfig::new);
  }

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(settings(), out, err);
    } catch (ReleaseException | InvalidReleaseException e) {
      err.println("ferstream release " + spec.name() + ": error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  abstract int run(ReleaseConfig settings, PrintWriter out, PrintWriter err) throws Exception;

  static ArtifactTransport transport(String name) {
    try {
      return ArtifactTransport.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ReleaseException("--transport must be inline or reference, not '" + name + "'");
    }
  }

  static ReleasePublisher publisher(ReleaseConfig settings, ReleaseStore store) {
    return ReleasePublisher.from(settings, settings.publishChannel(), store, settings.timeout())
        .withReferenceBase(settings.referenceBase());
  }

  static void printPublished(PrintWriter out, String verb, PublishedRelease p) {
    out.printf(java.util.Locale.ROOT, "%s %s on %s-%d@%d (%s, %,d bytes, sha256 %s)%n", verb, p.releaseId(), p.topic(),
        p.partition(), p.offset(), p.transport().name().toLowerCase(java.util.Locale.ROOT), p.sizeBytes(),
        p.sha256());
    if (p.artifactUri() != null) {
      out.printf("  artifactUri %s%n", p.artifactUri());
    }
    out.printf("  archived in %s%n", p.archived());
  }
}
