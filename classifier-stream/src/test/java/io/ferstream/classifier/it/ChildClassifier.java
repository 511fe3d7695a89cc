package io.ferstream.classifier.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The classifier ({@code ClassifierMain}, i.e. {@code ferstream classify}) in a child JVM on the test classpath,
 * its output in a log file. {@link #kill()} is {@code Process.destroyForcibly()}, which on Linux sends SIGKILL:
 * no shutdown hook, no close, no commit, exactly like a crash.
 */
final class ChildClassifier implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildClassifier(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildClassifier start(Map<String, String> settings, Path log) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.awt.headless=true", "-Dlogback.configurationFile=logback-child.xml",
        "-cp", classpath, "io.ferstream.classifier.app.ClassifierMain"));
    settings.forEach((k, v) -> {
      command.add("-D");
      command.add(k + "=" + v);
    });
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Leave a core to the broker and the test: ND4J would otherwise spin up one OpenMP thread per core.
    builder.environment().put("OMP_NUM_THREADS", "1");
    return new ChildClassifier(builder.start(), log);
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL; returns the exit status (137 = 128 + SIGKILL's 9 on Linux). */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM (graceful: the shutdown hook drains and closes); returns the exit status. */
  int stop(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }

  /** Appends a thread dump of the child to its log (for a run that hangs), then kills it if still alive. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        jcmd.waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        // no jcmd: no dump
      }
      kill();
    }
  }
}
