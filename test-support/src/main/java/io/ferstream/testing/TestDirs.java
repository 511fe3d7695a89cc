package io.ferstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of tests. */
public final class TestDirs {

  private TestDirs() {
  }

  /**
   * Deletes {@code dir} and everything under it, if it exists. Best effort: a failure is printed, not thrown, so that
   * a test's clean-up never hides the test's own result. {@code TopologyTestDriver.close()} removes its tasks' state
   * but leaves the state directory itself, and a fixture per test left hundreds of them in {@code java.io.tmpdir}.
   */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Could not delete test directory " + dir + ": " + e);
    }
  }
}
