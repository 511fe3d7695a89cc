package io.ferstream.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application's {@code main} in a child JVM on the test class path, its output appended to a log file: what the
 * crash tests kill. {@link #kill()} is {@code Process.destroyForcibly()}, which on Linux sends SIGKILL: no shutdown
 * hook, no close, no commit, exactly like a crash; {@link #stop} is SIGTERM, the graceful path.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A child that will run {@code mainClass}. */
  public static Builder of(String mainClass) {
    return new Builder(mainClass);
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the child has written so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL; returns the exit status (137 = 128 + SIGKILL's 9 on Linux). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM; returns the exit status, or -1 when the child had to be killed after {@code timeoutSeconds}. */
  public int stop(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }

  /** Appends a thread dump of a child still running to its log (for a run that hangs), then kills it. */
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

  /** How to start a child. */
  public static final class Builder {
    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    /** JVM options before the class path ({@code -Xmx1g}, {@code -Dlogback.configurationFile=...}). */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Application settings, passed as {@code -D key=value} program arguments (the apps' picocli convention). */
    public Builder settings(Map<String, String> settings) {
      properties.putAll(settings);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public ChildJvm start(Path log) throws IOException {
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classpath, mainClass));
      properties.forEach((k, v) -> {
        command.add("-D");
        command.add(k + "=" + v);
      });
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      return new ChildJvm(builder.start(), log);
    }
  }
}
