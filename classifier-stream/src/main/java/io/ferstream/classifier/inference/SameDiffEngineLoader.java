package io.ferstream.classifier.inference;

import io.ferstream.classifier.inference.Dl4jEngineLoader.Dl4jEngine;
import io.ferstream.classifier.release.ReleaseRejectedException;
import io.ferstream.model.bench.SameDiffNets;
import io.ferstream.model.release.Ensemble;
import io.ferstream.model.release.ReleaseBundle;
import io.ferstream.model.release.TestTimeAugmentation;
import io.ferstream.common.runtime.NativeBinary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.autodiff.samediff.SameDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a release with {@link SameDiffEngine}, verified against DL4J. The bundle is loaded with ferstream-model as
 * for {@link Dl4jEngineLoader}; each member is converted once ({@link SameDiffNets#fromNetwork}, NHWC, execution
 * cache off, dense layers as mmul + add); then both engines score the same warm-up crops, the SameDiff one twice (the
 * wrong results of the cached path on the oneDNN binary showed from the second call on), and every SameDiff
 * probability must be within {@value #TOLERANCE} of DL4J's.
 *
 * <p>If the conversion throws or the outputs differ: with {@link EngineKind#AUTO} the reason is logged and the
 * release is served by the DL4J engine already loaded; with {@link EngineKind#SAMEDIFF} the release is rejected.
 * On success the DL4J networks are closed (the graphs hold copies of the weights).
 */
public final class SameDiffEngineLoader implements EngineLoader {

  private static final Logger log = LoggerFactory.getLogger(SameDiffEngineLoader.class);

  /** Largest allowed |SameDiff - DL4J| of any probability on the warm-up batch. */
  public static final double TOLERANCE = 1e-3;
  /** Warm-up / check batch. */
  static final int CHECK_BATCH = 16;

  /** Converts one member network into a SameDiff graph with {@link SameDiffNets}' placeholders and outputs. */
  @FunctionalInterface
  interface Converter {
    SameDiff convert(MultiLayerNetwork net);
  }

  /**
   * The production conversion: NHWC (the faster layout on oneDNN, docs/benchmarks.md), cache off, dense layers as
   * mmul + add ({@link SameDiffNets#linear}: M2.1's xw_plus_b op has a fixed cost per call larger than the whole rest).
   */
  static final Converter NHWC = net -> SameDiffNets.fromNetwork(net,
      InputType.convolutional(48, 48, 1), CNN2DFormat.NHWC, 1e-3);

  private final EngineKind kind;
  private final Converter converter;

  /** @param kind {@link EngineKind#AUTO} (fall back to DL4J) or {@link EngineKind#SAMEDIFF} (reject instead) */
  public SameDiffEngineLoader(EngineKind kind) {
    this(kind, NHWC);
  }

  SameDiffEngineLoader(EngineKind kind, Converter converter) {
    if (kind == EngineKind.DL4J) {
      throw new IllegalArgumentException("the DL4J engine is Dl4jEngineLoader's");
    }
    this.kind = kind;
    this.converter = converter;
  }

  @Override
  public InferenceEngine load(String releaseId, byte[] bundle) throws Exception {
    Ensemble ensemble = Ensemble.of(ReleaseBundle.load(bundle));
    Dl4jEngine dl4j = new Dl4jEngine(ensemble);
    String id = ensemble.releaseId();
    long t0 = System.nanoTime();
    List<byte[]> crops = EngineSelfCheck.crops(CHECK_BATCH);
    float[][] reference;
    try {
      reference = dl4j.predict(crops);
      EngineSelfCheck.checkProbabilities(id, reference);
    } catch (ReleaseRejectedException | RuntimeException e) {
      dl4j.close();
      throw e; // the release itself is broken: no engine would serve it
    }
    long dl4jMs = (System.nanoTime() - t0) / 1_000_000;
    String description = String.format(Locale.ROOT, "%d member(s) %s, TTA %s", ensemble.memberCount(),
        ensemble.manifest().architectures, ensemble.testTimeAugmentation());

    long t1 = System.nanoTime();
    SameDiffEngine samediff;
    double diff;
    try {
      samediff = convert(ensemble);
      diff = Math.max(EngineSelfCheck.maxAbsDiff(samediff.predict(crops), reference),
          EngineSelfCheck.maxAbsDiff(samediff.predict(crops), reference));
    } catch (Exception e) {
      return fallBack(dl4j, description, "converting or running it failed: " + e);
    }
    long samediffMs = (System.nanoTime() - t1) / 1_000_000;
    if (!(diff < TOLERANCE)) {
      samediff.close();
      return fallBack(dl4j, description, String.format(Locale.ROOT,
          "its probabilities differ from DL4J's by up to %.3g on the %d warm-up crops (allowed < %.0e)", diff,
          CHECK_BATCH, TOLERANCE));
    }
    dl4j.close();
    log.info("Release {}: {}, engine samediff (NHWC, nd4j-native binary {}, up to {} slice(s)): max |SameDiff - DL4J| "
            + "= {} on {} crops; DL4J check {} ms, conversion + 2 SameDiff passes {} ms", id, description,
        NativeBinary.current(), samediff.sliceCapacity(),
        String.format(Locale.ROOT, "%.2g", diff), CHECK_BATCH, dl4jMs, samediffMs);
    return samediff;
  }

  /** One copy of the members' graphs per slice thread ({@link Nd4jRuntime#sliceThreads}). */
  private SameDiffEngine convert(Ensemble ensemble) {
    int slices = Nd4jRuntime.sliceThreads();
    List<List<SameDiff>> copies = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      List<SameDiff> graphs = new ArrayList<>(ensemble.memberCount());
      for (MultiLayerNetwork net : ensemble.bundle().members()) {
        graphs.add(converter.convert(net));
      }
      copies.add(graphs);
    }
    return new SameDiffEngine(ensemble.releaseId(), copies, ensemble.preprocessing(),
        ensemble.testTimeAugmentation() == TestTimeAugmentation.HFLIP);
  }

  private InferenceEngine fallBack(Dl4jEngine dl4j, String description, String why)
      throws ReleaseRejectedException {
    if (kind == EngineKind.SAMEDIFF) {
      dl4j.close();
      throw new ReleaseRejectedException("release " + dl4j.releaseId() + " cannot be served by SameDiff "
          + "(inference.engine=samediff): " + why);
    }
    log.warn("Release {}: {}, engine dl4j (fallback): SameDiff not used because {}", dl4j.releaseId(), description,
        why);
    return dl4j;
  }
}
