package io.ferstream.model.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stand-alone entry point for the model commands until they are registered under {@code ferstream}:
 * {@code java -cp ... io.ferstream.model.cli.ModelCli train --arch ref4}.
 */
@Command(name = "ferstream-model", mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, ReleaseCommand.class, EvaluateCommand.class},
        description = "FER2013 training, release bundles and evaluation.")
public final class ModelCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        io.ferstream.common.runtime.NativeBinary.selectFastest();
        System.exit(new CommandLine(new ModelCli()).execute(args));
    }
}
