package io.ferstream.trainer.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.ReleaseManifest;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.release.TestTimeAugmentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/** Release bundles for the release tests. */
final class Bundles {

  private Bundles() {}

  /**
   * A real, valid bundle: one randomly initialised {@code tiny} network (22,782 parameters, about 0.1 MB), written
   * by model's ReleaseWriter, so that ReleaseBundle.load (and a classifier) accepts it.
   */
  static byte[] tiny(Path dir, String releaseId, String parentReleaseId, long seed) throws IOException {
    MultiLayerNetwork net = new MultiLayerNetwork(Architectures.get("tiny").configuration(seed, new Adam(1e-3)));
    net.init();
    Path out = dir.resolve(releaseId + ".zip");
    ReleaseWriter.builder()
        .releaseId(releaseId)
        .parentReleaseId(parentReleaseId)
        .createdAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(seed))
        .preprocessing(Preprocessing.scaleOnly())
        .testTimeAugmentation(TestTimeAugmentation.NONE)
        .trainingData("0".repeat(64), 0, "DROP", "untrained: random initialisation, for tests")
        .addMember(net, "tiny", Map.of(), "random-init-seed-" + seed)
        .metric("publictest.accuracy", 0.25 + seed / 1000.0)
        .write(out);
    return Files.readAllBytes(out);
  }

  /**
   * A zip with only a manifest: enough for what reads manifests (the store, listings), not a loadable release.
   * {@code padding} bytes of an extra entry make it as large as a test needs.
   */
  static byte[] manifestOnly(String releaseId, String parentReleaseId, int padding) {
    ReleaseManifest m = new ReleaseManifest();
    m.releaseId = releaseId;
    m.parentReleaseId = parentReleaseId;
    m.createdAt = "2026-11-02T03:04:05Z";
    m.architectures = List.of("ref4");
    m.memberCount = 2;
    m.metrics.put("publictest.accuracy", 0.5);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(new ObjectMapper().writeValueAsBytes(m));
        zip.closeEntry();
        if (padding > 0) {
          ZipEntry e = new ZipEntry("padding.bin");
          e.setMethod(ZipEntry.STORED);
          byte[] data = new byte[padding];
          new java.util.Random(padding).nextBytes(data);
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(data);
          e.setSize(data.length);
          e.setCrc(crc.getValue());
          zip.putNextEntry(e);
          zip.write(data);
          zip.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
