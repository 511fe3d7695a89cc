package io.ferstream.trainer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseStoreTest {

  @TempDir Path dir;

  @Test
  void shouldArchiveABundleUnderItsReleaseIdWithItsSha256() throws Exception {
    byte[] bundle = Bundles.manifestOnly("r-1", null, 1000);
    ReleaseStore store = new ReleaseStore(dir.resolve("store"));

    StoredRelease stored = store.put(bundle);

    assertThat(stored.path()).isEqualTo(dir.resolve("store/r-1.zip").toAbsolutePath());
    assertThat(stored.sha256()).isEqualTo(Sha256.hex(bundle));
    assertThat(stored.sizeBytes()).isEqualTo(bundle.length);
    assertThat(Files.readAllBytes(stored.path())).isEqualTo(bundle);
    assertThat(Files.readString(dir.resolve("store/r-1.zip.sha256"))).startsWith(Sha256.hex(bundle) + "  r-1.zip");
    assertThat(store.contains("r-1")).isTrue();
    assertThat(store.contains("r-2")).isFalse();
    assertThat(store.get("r-1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bundle));
    assertThat(store.get("r-2")).isEmpty();
    assertThat(store.uri("r-1").getScheme()).isEqualTo("file");
    // Nothing half-written is left next to the archive.
    try (var files = Files.list(dir.resolve("store"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r-1.zip", "r-1.zip.sha256");
    }
  }

  @Test
  void shouldAcceptTheSameBytesAgainAndRefuseOtherBytesUnderTheSameId() throws Exception {
    ReleaseStore store = new ReleaseStore(dir);
    byte[] bundle = Bundles.manifestOnly("r-1", null, 10);
    store.put(bundle);

    assertThat(store.put(bundle.clone()).sha256()).isEqualTo(Sha256.hex(bundle));
    assertThatThrownBy(() -> store.put(Bundles.manifestOnly("r-1", null, 20)))
        .isInstanceOf(ReleaseException.class)
        .hasMessageContaining("release r-1 is already archived")
        .hasMessageContaining(Sha256.hex(bundle));
    assertThat(store.get("r-1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bundle));
  }

  @Test
  void shouldRefuseToReadADamagedArchive() throws Exception {
    ReleaseStore store = new ReleaseStore(dir);
    byte[] bundle = Bundles.manifestOnly("r-1", null, 10);
    Path zip = store.put(bundle).path();
    byte[] damaged = bundle.clone();
    damaged[damaged.length / 2] ^= 0x55;
    Files.write(zip, damaged);

    assertThatThrownBy(() -> store.get("r-1"))
        .isInstanceOf(ReleaseException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining(Sha256.hex(bundle));
  }

  @Test
  void shouldRefuseAnArchiveThatHoldsAnotherRelease() throws Exception {
    ReleaseStore store = new ReleaseStore(dir);
    Files.write(dir.resolve("r-1.zip"), Bundles.manifestOnly("r-2", null, 0)); // copied in by hand, no sidecar

    assertThatThrownBy(() -> store.get("r-1")).isInstanceOf(ReleaseException.class).hasMessageContaining("holds release r-2");
  }

  @Test
  void shouldListArchivedReleasesFromTheirManifests() throws Exception {
    ReleaseStore store = new ReleaseStore(dir);
    store.put(Bundles.manifestOnly("b-2", "a-1", 0));
    store.put(Bundles.manifestOnly("a-1", null, 0));
    Files.writeString(dir.resolve("junk.zip"), "not a zip", StandardCharsets.UTF_8);
    Files.write(dir.resolve("c-3.zip"), Bundles.manifestOnly("a-1", null, 0)); // misnamed: get("c-3") refuses it

    assertThat(store.list()).extracting(StoredRelease::releaseId).containsExactly("a-1", "b-2");
    StoredRelease b = store.list().get(1);
    assertThat(b.info().parentReleaseId()).isEqualTo("a-1");
    assertThat(b.info().architecture()).isEqualTo("ref4x2");
    assertThat(b.info().metrics()).containsEntry("publictest.accuracy", 0.5);
    assertThat(b.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(b.path())));
    assertThat(new ReleaseStore(dir.resolve("missing")).list()).isEmpty();
  }

  @Test
  void shouldRefuseReleaseIdsThatAreNotSafeFileNames() {
    ReleaseStore store = new ReleaseStore(dir);

    assertThatThrownBy(() -> store.put(Bundles.manifestOnly("../escape", null, 0)))
        .isInstanceOf(ReleaseException.class).hasMessageContaining("cannot be archived");
    assertThat(store.contains("../escape")).isFalse();
  }

  @Test
  void shouldRefuseABundleWithoutAManifest() {
    ReleaseStore store = new ReleaseStore(dir);

    assertThatThrownBy(() -> store.put("not a zip".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("manifest.json");
  }
}
