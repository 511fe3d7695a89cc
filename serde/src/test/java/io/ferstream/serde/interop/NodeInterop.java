package io.ferstream.serde.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs src/test/node/interop.js, Confluent's JavaScript serde, as a child process. */
final class NodeInterop {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 120;

  private final Path directory;

  private NodeInterop(Path directory) {
    this.directory = directory;
  }

  /**
   * The node project, if it can run here: {@code node} on the PATH and its dependencies installed
   * ({@code npm ci --prefix serde/src/test/node}); otherwise why not.
   */
  static NodeInterop locate(StringBuilder whyNot) {
    Path directory = projectDirectory();
    if (!Files.isDirectory(directory.resolve("node_modules/@confluentinc/schemaregistry"))) {
      whyNot.append("node dependencies are not installed in ").append(directory.toAbsolutePath())
          .append(" (run: npm ci --prefix serde/src/test/node)");
      return null;
    }
    Optional<String> version = nodeVersion();
    if (version.isEmpty()) {
      whyNot.append("the node executable is not on the PATH");
      return null;
    }
    return new NodeInterop(directory);
  }

  JsonNode run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "interop.js"));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("interop", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectError(stderr.toFile())
          .start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("node " + String.join(" ", args) + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("node interop.js " + args[0] + " failed (exit " + process.exitValue() + "): "
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return JSON.readTree(out);
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private static Path projectDirectory() {
    // Surefire runs in the module directory; an IDE may run from the repository root.
    Path fromModule = Path.of("src/test/node");
    if (Files.isDirectory(fromModule)) {
      return fromModule;
    }
    String root = System.getProperty("ferstream.repo.root");
    return root != null ? Path.of(root, "serde/src/test/node") : Path.of("serde/src/test/node");
  }

  private static Optional<String> nodeVersion() {
    try {
      Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
