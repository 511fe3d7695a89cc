package io.ferstream.aggregator.app;

import picocli.CommandLine;

/** Runs {@code aggregate} on its own (the {@code ferstream} CLI registers {@link AggregateCommand} as a subcommand). */
public final class AggregatorMain {

  private AggregatorMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new AggregateCommand()).execute(args));
  }
}
