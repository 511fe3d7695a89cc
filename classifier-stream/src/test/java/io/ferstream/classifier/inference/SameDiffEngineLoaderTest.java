package io.ferstream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.classifier.release.ReleaseRejectedException;
import io.ferstream.classifier.testing.TestBundles;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.TestTimeAugmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The SameDiff engine against the DL4J engine on small random releases (2 ref4 members): equal probabilities, with
 * and without HFLIP, over a chunked batch; and the fallback / rejection when SameDiff cannot serve a release.
 */
class SameDiffEngineLoaderTest {

  /** SameDiff and DL4J compute the same float graph; they differ by rounding only (~1e-7 measured). */
  private static final double SAME = 1e-5;

  @TempDir static Path dir;
  private static byte[] plain;
  private static byte[] hflip;

  @BeforeAll
  static void writeBundles() throws Exception {
    // Same members (same seeds) in both bundles: only the test-time augmentation differs. A global
    // standardisation makes the preprocessing more than x/255.
    Preprocessing preprocessing = Preprocessing.global(0.5f, 0.25f);
    plain = Files.readAllBytes(write("sd-plain", TestTimeAugmentation.NONE, preprocessing));
    hflip = Files.readAllBytes(write("sd-hflip", TestTimeAugmentation.HFLIP, preprocessing));
  }

  private static Path write(String id, TestTimeAugmentation tta, Preprocessing preprocessing) throws Exception {
    Path out = dir.resolve(id + ".zip");
    TestBundles.ref4(out, id, 2, tta, preprocessing);
    return out;
  }

  private static List<byte[]> crops(int n, long seed) {
    Random random = new Random(seed);
    List<byte[]> crops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] p = new byte[48 * 48];
      random.nextBytes(p);
      crops.add(p);
    }
    return crops;
  }

  @Test
  void shouldScoreExactlyLikeTheDl4jEngine() throws Exception {
    // more crops than one forward pass takes, so the chunking is covered too
    List<byte[]> crops = crops(SameDiffEngine.MAX_ROWS + 10, 1);
    try (InferenceEngine dl4j = new Dl4jEngineLoader().load("sd-plain", plain);
        InferenceEngine samediff = new SameDiffEngineLoader(EngineKind.AUTO).load("sd-plain", plain)) {
      assertThat(samediff.engine()).isEqualTo("samediff");
      assertThat(samediff.releaseId()).isEqualTo("sd-plain");
      assertThat(samediff.ensembleSize()).isEqualTo(2);

      float[][] expected = dl4j.predict(crops);
      float[][] actual = samediff.predict(crops);
      assertThat(actual).hasNumberOfRows(crops.size());
      assertThat(EngineSelfCheck.maxAbsDiff(actual, expected)).isLessThan(SAME);
      // batches of one, and again (the execution cache made later calls wrong on the oneDNN binary)
      assertThat(EngineSelfCheck.maxAbsDiff(samediff.predict(crops.subList(3, 4)), dl4j.predict(crops.subList(3, 4))))
          .isLessThan(SAME);
      assertThat(samediff.predict(List.of())).isEmpty();
    }
  }

  @Test
  void shouldAverageEachMemberOverTheCropAndItsMirrorWithHflip() throws Exception {
    List<byte[]> crops = crops(40, 2);
    try (InferenceEngine dl4j = new Dl4jEngineLoader().load("sd-hflip", hflip);
        InferenceEngine samediff = new SameDiffEngineLoader(EngineKind.AUTO).load("sd-hflip", hflip);
        InferenceEngine withoutFlip = new SameDiffEngineLoader(EngineKind.AUTO).load("sd-plain", plain)) {
      assertThat(samediff.engine()).isEqualTo("samediff");
      float[][] actual = samediff.predict(crops);

      assertThat(EngineSelfCheck.maxAbsDiff(actual, dl4j.predict(crops))).isLessThan(SAME);
      // the mirror is really scored: the same members without HFLIP give clearly different probabilities
      assertThat(EngineSelfCheck.maxAbsDiff(actual, withoutFlip.predict(crops))).isGreaterThan(100 * SAME);
    }
  }

  @Test
  void shouldFallBackToDl4jWhenTheConversionFails() throws Exception {
    SameDiffEngineLoader failing = new SameDiffEngineLoader(EngineKind.AUTO, net -> {
      throw new UnsupportedOperationException("layer X is not supported");
    });
    List<byte[]> crops = crops(5, 3);
    try (InferenceEngine engine = failing.load("sd-hflip", hflip);
        InferenceEngine dl4j = new Dl4jEngineLoader().load("sd-hflip", hflip)) {
      assertThat(engine.engine()).isEqualTo("dl4j");
      assertThat(engine.releaseId()).isEqualTo("sd-hflip");
      assertThat(EngineSelfCheck.maxAbsDiff(engine.predict(crops), dl4j.predict(crops))).isEqualTo(0.0);
    }
  }

  @Test
  void shouldFallBackToDl4jWhenSameDiffDisagreesWithTheNetworks() throws Exception {
    // converts a different network (other weights) than the one it is given: the warm-up comparison must catch it
    SameDiffEngineLoader wrong = new SameDiffEngineLoader(EngineKind.AUTO,
        net -> SameDiffEngineLoader.NHWC.convert(otherNetwork()));
    try (InferenceEngine engine = wrong.load("sd-plain", plain)) {
      assertThat(engine.engine()).isEqualTo("dl4j");
    }
  }

  @Test
  void shouldRejectTheReleaseWhenSameDiffIsRequiredAndCannotServeIt() {
    SameDiffEngineLoader failing = new SameDiffEngineLoader(EngineKind.SAMEDIFF, net -> {
      throw new UnsupportedOperationException("layer X is not supported");
    });
    assertThatThrownBy(() -> failing.load("sd-plain", plain))
        .isInstanceOf(ReleaseRejectedException.class)
        .hasMessageContaining("inference.engine=samediff")
        .hasMessageContaining("layer X is not supported");
  }

  @Test
  void shouldPickTheLoaderOfEachEngineKind() {
    assertThat(EngineKind.parse("dl4j").loader()).isInstanceOf(Dl4jEngineLoader.class);
    assertThat(EngineKind.parse("SameDiff").loader()).isInstanceOf(SameDiffEngineLoader.class);
    assertThat(EngineKind.parse("auto").loader()).isInstanceOf(SameDiffEngineLoader.class);
    assertThatThrownBy(() -> EngineKind.parse("onnx")).isInstanceOf(IllegalArgumentException.class);
  }

  private static MultiLayerNetwork otherNetwork() {
    MultiLayerNetwork net = new MultiLayerNetwork(Architectures.REF4.configuration(4242L, new Adam(1e-3)));
    net.init();
    return net;
  }

  @Test
  void shouldRunTheForwardPassesWithTheConfiguredOpenMpTeam() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int wanted = cores > 1 ? 1 : 2; // differs from the default team size (the number of cores)
    try (InferenceEngine samediff = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-plain", plain)) {
      java.util.concurrent.ExecutorService fresh = java.util.concurrent.Executors.newSingleThreadExecutor();
      int start = fresh.submit(Nd4jRuntime::ompThreadsOfCurrentThread).get(); // what every thread starts with
      fresh.shutdown();
      Nd4jRuntime.useThreads(wanted, 1, 0); // no slicing: the one slice thread gets the whole team
      assertThat(samediff.predict(crops(3, 11))).hasNumberOfRows(3);
      assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(wanted);

      Nd4jRuntime.useThreads(0, 1, 0); // back to ND4J's choice at the next batch
      assertThat(samediff.predict(crops(3, 11))).hasNumberOfRows(3);
      assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(start);
    } finally {
      Nd4jRuntime.useThreads(0, 0, 0);
    }
  }

  @Test
  void shouldScoreABatchInSlicesWithTheSameProbabilitiesAsInOnePass() throws Exception {
    List<byte[]> batch = crops(2 * SameDiffEngine.MIN_CROPS_PER_SLICE + 1, 5); // odd: slices of 16 and 17
    try {
      Nd4jRuntime.configure(2, 1, 0);
      float[][] whole;
      try (InferenceEngine one = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
        whole = one.predict(batch);
      }
      Nd4jRuntime.configure(2, 2, 0);
      try (InferenceEngine sliced = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
        assertThat(((SameDiffEngine) sliced).sliceCapacity()).isEqualTo(2);
        float[][] parts = sliced.predict(batch);
        assertThat(EngineSelfCheck.maxAbsDiff(parts, whole)).isLessThan(1e-6);
        // each slice ran on its own thread with a one-thread OpenMP team
        assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(1);
        assertThat(SameDiffEngine.ompThreadsOfSliceThread(1)).isEqualTo(1);
      }
    } finally {
      Nd4jRuntime.configure(0, 0, 0);
    }
  }

  @Test
  void shouldRunTheMembersOfABatchTooSmallToSliceAtTheSameTimeWithTheSameProbabilities() throws Exception {
    List<byte[]> batch = crops(SameDiffEngine.MIN_CROPS_PER_SLICE - 1, 11);
    try {
      Nd4jRuntime.configure(2, 1, 0);
      float[][] inOnePass;
      try (InferenceEngine one = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
        inOnePass = one.predict(batch);
        assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(2); // one pass, both members, whole team
      }
      Nd4jRuntime.configure(2, 2, 0);
      try (InferenceEngine byMember = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
        float[][] parallel = byMember.predict(batch);
        // the same probabilities: each member's output is summed in member order, as in one pass. Bit for bit on the
        // onednn-avx512 binary; on onednn-avx2 oneDNN picks its kernels by the OpenMP team's size (one thread here,
        // two in one pass), and the last bits differ (9e-10 seen, 2026-12-01)
        assertThat(EngineSelfCheck.maxAbsDiff(parallel, inOnePass)).isLessThan(1e-6);
        // member 0 ran on slice thread 0 and member 1 on slice thread 1, each with one OpenMP thread
        assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(1);
        assertThat(SameDiffEngine.ompThreadsOfSliceThread(1)).isEqualTo(1);
        float[][] single = byMember.predict(batch.subList(0, 1));
        assertThat(EngineSelfCheck.maxAbsDiff(single, new float[][] {inOnePass[0]})).isLessThan(1e-6);
      }
    } finally {
      Nd4jRuntime.configure(0, 0, 0);
    }
  }

  @Test
  void shouldSplitTheLeftOverMemberOfABatchTooSmallToSliceByRowsWithTheSameProbabilities() throws Exception {
    // three members on two slice threads: members 0 and 1 whole, member 2's rows split between the threads
    Preprocessing preprocessing = Preprocessing.global(0.5f, 0.25f);
    Path plain3 = dir.resolve("sd3-plain.zip");
    Path hflip3 = dir.resolve("sd3-hflip.zip");
    TestBundles.ref4(plain3, "sd3-plain", 3, TestTimeAugmentation.NONE, preprocessing);
    TestBundles.ref4(hflip3, "sd3-hflip", 3, TestTimeAugmentation.HFLIP, preprocessing);
    List<byte[]> batch = crops(SameDiffEngine.MIN_CROPS_PER_SLICE - 1, 13);
    try {
      for (Path bundle : List.of(plain3, hflip3)) {
        byte[] bytes = Files.readAllBytes(bundle);
        String id = bundle.getFileName().toString().replace(".zip", "");
        Nd4jRuntime.configure(2, 1, 0);
        float[][] inOnePass;
        float[][] oneInOnePass;
        try (InferenceEngine one = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load(id, bytes)) {
          inOnePass = one.predict(batch);
          oneInOnePass = one.predict(batch.subList(0, 1));
        }
        Nd4jRuntime.configure(2, 2, 0);
        try (InferenceEngine byMember = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load(id, bytes)) {
          assertThat(byMember.ensembleSize()).isEqualTo(3);
          assertThat(EngineSelfCheck.maxAbsDiff(byMember.predict(batch), inOnePass)).as(id).isLessThan(1e-6);
          // one crop: with HFLIP the crop's row on one thread and its mirror's on the other; plain, one thread's
          assertThat(EngineSelfCheck.maxAbsDiff(byMember.predict(batch.subList(0, 1)), oneInOnePass)).as(id)
              .isLessThan(1e-6);
        }
      }
    } finally {
      Nd4jRuntime.configure(0, 0, 0);
    }
  }

  @Test
  void shouldScoreAFewCropsOnASmallerTeamWithTheSameProbabilities() throws Exception {
    List<byte[]> batch = crops(9, 7);
    try (InferenceEngine engine = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
      Nd4jRuntime.configure(2, 1, 0);
      float[][] wholeTeam = engine.predict(batch);
      assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(2);

      Nd4jRuntime.configure(2, 1, 8);
      float[][] small = engine.predict(batch.subList(0, 8)); // 8 crops: one thread
      assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(1);
      assertThat(EngineSelfCheck.maxAbsDiff(small, java.util.Arrays.copyOf(wholeTeam, 8))).isLessThan(1e-6);
      engine.predict(batch); // 9 crops: two
      assertThat(SameDiffEngine.ompThreadsOfSliceThread(0)).isEqualTo(2);
    } finally {
      Nd4jRuntime.configure(0, 0, 0);
    }
  }
  @Test
  void shouldScoreBatchesHandedOverAtOnceWithTheSameProbabilitiesAsOneAfterTheOther() throws Exception {
    // batch.max.in.flight: batches of one stream thread reach the engine from several scorer threads at once; by
    // member (1 and 5 crops) and in slices (40) their passes queue on the same slice threads
    List<List<byte[]>> batches = List.of(crops(1, 21), crops(5, 22), crops(40, 23), crops(1, 24));
    java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(batches.size());
    try {
      Nd4jRuntime.configure(2, 2, 0);
      try (InferenceEngine engine = new SameDiffEngineLoader(EngineKind.SAMEDIFF).load("sd-hflip", hflip)) {
        List<float[][]> alone = new ArrayList<>();
        for (List<byte[]> b : batches) {
          alone.add(engine.predict(b));
        }
        for (int round = 0; round < 5; round++) {
          long handedOver = System.nanoTime();
          List<java.util.concurrent.Future<InferenceEngine.Prediction>> atOnce = new ArrayList<>();
          for (List<byte[]> b : batches) {
            atOnce.add(callers.submit(() -> engine.predictTimed(b)));
          }
          for (int i = 0; i < batches.size(); i++) {
            InferenceEngine.Prediction p = atOnce.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
            for (int r = 0; r < batches.get(i).size(); r++) {
              assertThat(p.probabilities()[r]).as("batch %d row %d", i, r).containsExactly(alone.get(i)[r]);
            }
            assertThat(p.startedAtNanos()).isGreaterThanOrEqualTo(handedOver);
            assertThat(p.finishedAtNanos()).isGreaterThanOrEqualTo(p.startedAtNanos());
          }
        }
      }
    } finally {
      callers.shutdownNow();
      Nd4jRuntime.configure(0, 0, 0);
    }
  }
}
