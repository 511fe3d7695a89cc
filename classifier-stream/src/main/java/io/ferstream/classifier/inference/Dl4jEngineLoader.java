package io.ferstream.classifier.inference;

import io.ferstream.classifier.release.ReleaseRejectedException;
import io.ferstream.model.release.Ensemble;
import io.ferstream.model.release.ReleaseBundle;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a release bundle with ferstream-model ({@link ReleaseBundle} verifies every entry's checksum, the class
 * list, the input shape and each member's output shape) and serves it through {@link Ensemble}: the batch is
 * preprocessed once into [N,1,48,48], each member runs one forward pass (two with the bundle's HFLIP test-time
 * augmentation), the softmax outputs are averaged. A warm-up pass runs before the engine is handed out, so the
 * first real batch after a swap does not pay for JIT and workspace allocation.
 */
public final class Dl4jEngineLoader implements EngineLoader {

  private static final Logger log = LoggerFactory.getLogger(Dl4jEngineLoader.class);
  static final int WARM_UP_BATCH = 8;

  @Override
  public InferenceEngine load(String releaseId, byte[] bundle) throws Exception {
    Ensemble ensemble = Ensemble.of(ReleaseBundle.load(bundle));
    Dl4jEngine engine = new Dl4jEngine(ensemble);
    long t0 = System.nanoTime();
    try {
      EngineSelfCheck.checkProbabilities(engine.releaseId(), engine.predict(EngineSelfCheck.crops(WARM_UP_BATCH)));
    } catch (ReleaseRejectedException | RuntimeException e) {
      engine.close();
      throw e;
    }
    log.info("Release {}: {} member(s) {}, TTA {}, engine dl4j, warm-up of {} crops in {} ms", engine.releaseId(),
        ensemble.memberCount(), ensemble.manifest().architectures, ensemble.testTimeAugmentation(), WARM_UP_BATCH,
        (System.nanoTime() - t0) / 1_000_000);
    return engine;
  }

  /** {@link Ensemble} behind {@link InferenceEngine}. */
  static final class Dl4jEngine implements InferenceEngine {
    private final Ensemble ensemble;
    private volatile boolean closed;

    Dl4jEngine(Ensemble ensemble) {
      this.ensemble = ensemble;
    }

    @Override
    public String releaseId() {
      return ensemble.releaseId();
    }

    @Override
    public int ensembleSize() {
      return ensemble.memberCount();
    }

    @Override
    public String engine() {
      return EngineKind.DL4J.configValue();
    }

    @Override
    public float[][] predict(List<byte[]> crops) {
      return predictTimed(crops).probabilities();
    }

    /**
     * On the caller's thread, one batch at a time: {@code Ensemble}'s methods hold its monitor, taken here first,
     * so that a batch waiting for another's is not timed as inference.
     */
    @Override
    public Prediction predictTimed(List<byte[]> crops) {
      if (closed) {
        throw new IllegalStateException("release " + releaseId() + " is closed");
      }
      synchronized (ensemble) {
        long start = System.nanoTime();
        // the networks run on the caller's thread: its OpenMP team is what counts (fewer threads for a few crops)
        Nd4jRuntime.applyToCurrentThread(Nd4jRuntime.teamFor(crops.size(), Nd4jRuntime.effectiveThreads()));
        float[][] p = ensemble.predictProbabilities(crops.toArray(new byte[0][]));
        return new Prediction(p, start, System.nanoTime());
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      List<MultiLayerNetwork> members = new ArrayList<>(ensemble.bundle().members());
      for (MultiLayerNetwork net : members) {
        try {
          net.close();
        } catch (RuntimeException e) {
          log.debug("closing a member of {}: {}", releaseId(), e.toString());
        }
      }
    }
  }
}
