package io.ferstream.classifier.app;

import io.ferstream.common.runtime.NativeBinary;
import picocli.CommandLine;

/** Runs {@code classify} on its own (the {@code ferstream} CLI registers {@link ClassifyCommand} as a subcommand). */
public final class ClassifierMain {

  private ClassifierMain() {}

  public static void main(String[] args) {
    NativeBinary.selectFastest(); // before any ND4J class loads: it picks the nd4j-native binary
    System.exit(new CommandLine(new ClassifyCommand()).execute(args));
  }
}
