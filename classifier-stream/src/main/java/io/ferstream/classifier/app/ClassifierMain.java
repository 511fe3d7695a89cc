package io.ferstream.classifier.app;

import picocli.CommandLine;

/** Runs {@code classify} on its own (the {@code ferstream} CLI registers {@link ClassifyCommand} as a subcommand). */
public final class ClassifierMain {

  private ClassifierMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClassifyCommand()).execute(args));
  }
}
