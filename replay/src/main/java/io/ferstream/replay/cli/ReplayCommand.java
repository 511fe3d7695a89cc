package io.ferstream.replay.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferstream replay}: evaluation on recorded topics ({@code evaluate}) and the live stream's audit ({@code audit}). */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay-based evaluation: re-score recorded crops with any release (evaluate), or audit what the "
        + "live stream and a shadow release said against labelled feedback (audit).",
    subcommands = {ReplayEvaluateCommand.class, ReplayAuditCommand.class})
public final class ReplayCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
