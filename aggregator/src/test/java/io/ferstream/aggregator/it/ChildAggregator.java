package io.ferstream.aggregator.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The aggregator ({@code AggregatorMain}, i.e. {@code ferstream aggregate}) in a child JVM on the test classpath,
 * its output in a log file. {@link #kill()} is {@code Process.destroyForcibly()}, which on Linux sends SIGKILL: no
 * shutdown hook, no close, no commit, exactly like a crash.
 */
final class ChildAggregator implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildAggregator(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildAggregator start(Map<String, String> settings, Path log) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dlogback.configurationFile=logback-child.xml",
        "-cp", classpath, "io.ferstream.aggregator.app.AggregatorMain"));
    settings.forEach((k, v) -> {
      command.add("-D");
      command.add(k + "=" + v);
    });
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildAggregator(builder.start(), log);
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL; returns the exit status (137 = 128 + SIGKILL's 9 on Linux). */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM (graceful: the shutdown hook closes the application); returns the exit status, -1 on timeout. */
  int stop(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
