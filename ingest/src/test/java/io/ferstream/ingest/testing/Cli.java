package io.ferstream.ingest.testing;

import io.ferstream.ingest.cli.IngestCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code ferstream ingest ...} in-process and captures its output. */
public final class Cli {

  /** Exit code, stdout and stderr of one run. */
  public record Result(int exitCode, String out, String err) {
  }

  private Cli() {
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new IngestCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
