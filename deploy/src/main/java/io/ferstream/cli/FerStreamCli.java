package io.ferstream.cli;

import io.ferstream.aggregator.app.AggregateCommand;
import io.ferstream.classifier.app.ClassifyCommand;
import io.ferstream.ingest.cli.IngestCommand;
import io.ferstream.model.cli.BenchmarkCommand;
import io.ferstream.model.cli.EvaluateCommand;
import io.ferstream.model.cli.TrainCommand;
import io.ferstream.replay.cli.ReplayCommand;
import io.ferstream.trainer.app.TrainerCommand;
import io.ferstream.trainer.release.ReleaseCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code ferstream} command line. Subcommands come from every module; this class only lists them.
 * Configuration precedence for every command: flags, then FERSTREAM_* environment variables, then the
 * --config file, then defaults.
 */
@Command(
    name = "ferstream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "FerStream: facial-expression recognition on live video, at stream scale.",
    subcommands = {
        DemoCommand.class,
        StackCommand.class,
        TopicsCommand.class,
        IngestCommand.class,
        ClassifyCommand.class,
        AggregateCommand.class,
        TrainCommand.class,
        EvaluateCommand.class,
        ReleaseCommand.class,
        TrainerCommand.class,
        ReplayCommand.class,
        BenchmarkCommand.class,
        HelpCommand.class
    })
public class FerStreamCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new FerStreamCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli;
  }

  public static void main(String[] args) {
    io.ferstream.common.runtime.NativeBinary.selectFastest(); // first: picks the nd4j-native binary before ND4J loads
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }
}
