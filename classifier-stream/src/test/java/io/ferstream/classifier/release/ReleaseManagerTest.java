package io.ferstream.classifier.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.inference.EngineLoader;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseManagerTest {

  private final Map<String, TestEngine> loaded = new ConcurrentHashMap<>();
  private final EngineLoader loader = (id, bundle) -> {
    if (new String(bundle, StandardCharsets.UTF_8).startsWith("broken")) {
      throw new IllegalArgumentException("not a zip");
    }
    TestEngine e = new TestEngine(id);
    loaded.put(id, e);
    return e;
  };
  private final ClassifierMetrics metrics = new ClassifierMetrics();
  private final EngineHolder engines = new EngineHolder();
  private final ReleaseManager manager =
      new ReleaseManager(engines, loader, new BundleFetcher(Duration.ofSeconds(5)), metrics);

  @TempDir Path dir;

  @AfterEach
  void close() {
    manager.close();
    engines.close();
  }

  private static ReleaseCandidate inline(String id, String content, String sha) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new ReleaseCandidate(id, bytes, null, sha, bytes.length, "test", true);
  }

  private static ReleaseCandidate inline(String id, String content) {
    return inline(id, content, ReleaseVerifier.sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSwapInAReleaseThatVerifiesAndRetireThePreviousOne() throws Exception {
    manager.install(inline("r1", "bundle-1"));
    assertThat(manager.submit(inline("r2", "bundle-2")).get()).isTrue();

    assertThat(engines.currentReleaseId()).isEqualTo("r2");
    assertThat(loaded.get("r1").closed()).isTrue();
    assertThat(metrics.getReleaseSwapsTotal()).isEqualTo(1);
  }

  @Test
  void shouldRejectAReleaseWhoseHashDoesNotMatchAndKeepTheCurrentOne() throws Exception {
    manager.install(inline("r1", "bundle-1"));

    assertThat(manager.submit(inline("r2", "bundle-2", "00ff")).get()).isFalse();

    assertThat(engines.currentReleaseId()).isEqualTo("r1");
    assertThat(loaded).doesNotContainKey("r2");
    assertThat(metrics.getReleasesRejectedTotal()).isEqualTo(1);
  }

  @Test
  void shouldRejectAReleaseWhoseBundleDoesNotLoad() throws Exception {
    manager.install(inline("r1", "bundle-1"));

    assertThat(manager.submit(inline("r2", "broken zip")).get()).isFalse();

    assertThat(engines.currentReleaseId()).isEqualTo("r1");
    assertThat(metrics.getReleasesRejectedTotal()).isEqualTo(1);
  }

  @Test
  void shouldRejectABundleOfTheWrongSize() {
    byte[] bytes = "bundle".getBytes(StandardCharsets.UTF_8);
    ReleaseCandidate c = new ReleaseCandidate("r", bytes, null, ReleaseVerifier.sha256(bytes), 99, "test", true);
    assertThatThrownBy(() -> ReleaseVerifier.verify(c, bytes)).hasMessageContaining("99");
  }

  @Test
  void shouldRejectABundleThatIsAnotherReleaseThanAnnounced() throws Exception {
    EngineLoader liar = (id, bundle) -> new TestEngine("someone-else");
    try (ReleaseManager m = new ReleaseManager(engines, liar, new BundleFetcher(Duration.ofSeconds(5)), metrics)) {
      assertThatThrownBy(() -> m.install(inline("r1", "bundle-1"))).isInstanceOf(ReleaseRejectedException.class)
          .hasMessageContaining("someone-else");
    }
  }

  @Test
  void shouldFetchABundleByFileUri() throws Exception {
    Path file = dir.resolve("r9.zip");
    Files.writeString(file, "bundle-9");
    ReleaseCandidate c = new ReleaseCandidate("r9", null, file.toUri().toString(),
        ReleaseVerifier.sha256("bundle-9".getBytes(StandardCharsets.UTF_8)), 0, "test", true);

    manager.install(c);

    assertThat(engines.currentReleaseId()).isEqualTo("r9");
  }

  @Test
  void shouldPickTheDefaultReleaseNamedByLatestAndVerifyItsSidecarHash() throws Exception {
    Files.writeString(dir.resolve("old.zip"), "old");
    Files.writeString(dir.resolve("ref4-v2.zip"), "new");
    Files.writeString(dir.resolve("ref4-v2.zip.sha256"), ReleaseVerifier.sha256("new".getBytes()) + "  ref4-v2.zip\n");
    Files.writeString(dir.resolve(DefaultRelease.LATEST_FILE), "ref4-v2\n");

    ReleaseCandidate c = DefaultRelease.resolve(dir);
    manager.install(c);

    assertThat(c.releaseId()).isEqualTo("ref4-v2");
    assertThat(engines.currentReleaseId()).isEqualTo("ref4-v2");
  }

  @Test
  void shouldRefuseADefaultReleaseWhoseSidecarHashDiffers() throws Exception {
    Files.writeString(dir.resolve("r.zip"), "content");
    Files.writeString(dir.resolve("r.zip.sha256"), "abcd");

    assertThatThrownBy(() -> manager.install(DefaultRelease.resolve(dir))).isInstanceOf(ReleaseRejectedException.class)
        .hasMessageContaining("SHA-256 mismatch");
  }

  @Test
  void shouldOnlyLoadTheNewestOfReleasesThatQueuedUp() throws Exception {
    manager.install(inline("r1", "bundle-1"));
    var futures = List.of(manager.submit(inline("r2", "b2")), manager.submit(inline("r3", "b3")),
        manager.submit(inline("r4", "b4")));
    for (var f : futures) {
      f.get();
    }
    assertThat(engines.currentReleaseId()).isEqualTo("r4");
  }
}
