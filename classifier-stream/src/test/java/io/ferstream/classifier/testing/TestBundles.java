package io.ferstream.classifier.testing;

import io.ferstream.model.arch.Architectures;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.release.TestTimeAugmentation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Real release bundles for integration tests and the benchmark when no trained release is committed: ref4
 * networks, randomly initialised (seeded), written with ferstream-model's {@link ReleaseWriter}. They are real DL4J
 * models with the real cost of inference; their predictions are just untrained.
 */
public final class TestBundles {

  private TestBundles() {}

  /** Writes {@code out} and returns its SHA-256. */
  public static String ref4(Path out, String releaseId, int members) throws IOException {
    return ref4(out, releaseId, members, TestTimeAugmentation.NONE, Preprocessing.scaleOnly());
  }

  /** Like {@link #ref4(Path, String, int)} with a given test-time augmentation and preprocessing. */
  public static String ref4(Path out, String releaseId, int members, TestTimeAugmentation tta,
      Preprocessing preprocessing) throws IOException {
    ReleaseWriter writer = ReleaseWriter.builder()
        .releaseId(releaseId)
        .preprocessing(preprocessing)
        .testTimeAugmentation(tta)
        .trainingData("0".repeat(64), 0, "DROP", "untrained: random initialisation, for tests");
    for (int m = 0; m < members; m++) {
      MultiLayerNetwork net = new MultiLayerNetwork(Architectures.REF4.configuration(42L + m, new Adam(1e-3)));
      net.init();
      writer.addMember(net, "ref4", Map.of(), "random-init-seed-" + (42 + m));
    }
    return writer.write(out);
  }
}
