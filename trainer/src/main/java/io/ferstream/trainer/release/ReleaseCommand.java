package io.ferstream.trainer.release;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferstream release}: builds, lists, promotes and rolls back model releases. */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Model releases: what model-releases, the release store and the repository hold (list), make a "
        + "bundle live (promote), return to the previous one (rollback), build a bundle from training runs (build).",
        "Exit codes: 0 done, 1 the operation cannot be done as asked (the message says why), 2 configuration error."},
    subcommands = {ReleaseListCommand.class, ReleasePromoteCommand.class, ReleaseRollbackCommand.class,
        ReleaseBuildCommand.class})
public final class ReleaseCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
