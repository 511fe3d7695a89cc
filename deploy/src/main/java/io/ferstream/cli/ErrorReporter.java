package io.ferstream.cli;

import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's error as one clear line (the stack trace only with FERSTREAM_DEBUG=1). */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    String what = e instanceof ConfigException ? "configuration error" : "error";
    cmd.getErr().println("ferstream " + cmd.getCommandName() + ": " + what + ": " + describe(e));
    if ("1".equals(System.getenv("FERSTREAM_DEBUG"))) {
      e.printStackTrace(cmd.getErr());
    }
    return e instanceof ConfigException ? 2 : 1;
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
