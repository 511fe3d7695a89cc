package io.ferstream.classifier.inference;

import io.ferstream.model.runtime.NativeBinary;
import java.util.Properties;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets ND4J up for serving and says how it runs: the backend (CPU or CUDA), which nd4j-native binary JavaCPP was
 * told to load ({@link NativeBinary}: the default or the oneDNN one), its BLAS, and the thread settings. On
 * a serving path ND4J's periodic {@code System.gc()} only adds pauses: the DL4J engine's off-heap memory of finished
 * batches is freed by its workspaces and the detached outputs' deallocators, and the SameDiff engine (no
 * workspaces) closes its activations itself and asks for a GC only per GiB of the rest ({@link SameDiffEngine}).
 */
public final class Nd4jRuntime {

  private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);

  private Nd4jRuntime() {}

  /**
   * Applies the thread setting (0 keeps ND4J's choice) and turns off periodic GC.
   *
   * @return a one-line description of the backend and its threads
   */
  public static synchronized String configure(int threads) {
    Environment env = Nd4j.getEnvironment();
    if (threads > 0) {
      env.setMaxThreads(threads);
      env.setMaxMasterThreads(threads);
    }
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    String description = describe();
    log.info("ND4J: {}", description);
    return description;
  }

  /** Backend, BLAS and threads, for the start-up log and the benchmark table. */
  public static String describe() {
    Environment env = Nd4j.getEnvironment();
    Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
    String backend = env.isCPU() ? "CPU" : "CUDA";
    return String.format(java.util.Locale.ROOT,
        "backend=%s (%s), nd4j-native binary=%s, blas=%s, cores=%s, omp.threads=%s, maxThreads=%d, "
            + "maxMasterThreads=%d, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, dtype=%s",
        backend, Nd4j.getBackend().getClass().getSimpleName(), NativeBinary.current(),
        info.getOrDefault("blas.vendor", "?"),
        info.getOrDefault("cores", Runtime.getRuntime().availableProcessors()), info.getOrDefault("omp.threads", "?"),
        env.maxThreads(), env.maxMasterThreads(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
        System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"), Nd4j.dataType());
  }
}
