package io.ferstream.classifier.inference;

import io.ferstream.common.runtime.NativeBinary;
import java.util.Properties;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
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

  /**
   * The configured inference thread count (0: ND4J's choice). Process-wide like the native settings it mirrors:
   * ND4J's {@link Environment} and the OpenMP runtime are per process, so this is set once by {@link #configure}.
   */
  private static volatile int threads;

  /** The configured number of slices a SameDiff batch is cut into (0: one per inference thread). */
  private static volatile int slices;

  /** Crops per OpenMP thread of a batch's team ({@link #teamFor}; 0: always the whole share). */
  private static volatile int cropsPerThread;

  /** The OpenMP team size {@link #applyToCurrentThread(int)} last set on this thread (null: never set). */
  private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

  /** The OpenMP team size a thread starts with: OMP_NUM_THREADS, else the number of cores. */
  private static final int DEFAULT_TEAM = defaultTeam();

  private Nd4jRuntime() {}

  /**
   * Applies the thread setting (0 keeps ND4J's choice) with the default slices (one per thread) and whole-share
   * teams, and turns off periodic GC: for offline scoring (replay), whose batches are large.
   *
   * @return a one-line description of the backend and its threads
   */
  public static synchronized String configure(int threads) {
    return configure(threads, 0, 0);
  }

  /**
   * Like {@link #configure(int)}, with the slice count of the SameDiff engine ({@code inference.slices}: 0 = one per
   * inference thread, 1 = no slicing) and the crops per OpenMP thread ({@code inference.crops.per.thread}, 0 = whole
   * share).
   */
  public static synchronized String configure(int threads, int slices, int cropsPerThread) {
    useThreads(threads, slices, cropsPerThread);
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    String description = describe();
    log.info("ND4J: {}", description);
    return description;
  }

  /**
   * Changes the inference thread and slice counts (0: ND4J's choice; 0: one slice per thread) and the crops per
   * thread (0: whole share) without the start-up log: ND4J's own limits now, every inference thread's OpenMP team at
   * its next batch ({@link #applyToCurrentThread(int)}). The benchmark measures pure inference at several settings
   * with it.
   */
  public static synchronized void useThreads(int threads, int slices, int cropsPerThread) {
    if (threads < 0 || slices < 0 || cropsPerThread < 0) {
      throw new IllegalArgumentException("inference threads, slices and crops per thread must be >= 0, got "
          + threads + ", " + slices + " and " + cropsPerThread);
    }
    Nd4jRuntime.threads = threads;
    Nd4jRuntime.slices = slices;
    Nd4jRuntime.cropsPerThread = cropsPerThread;
    if (threads > 0) {
      Environment env = Nd4j.getEnvironment();
      env.setMaxThreads(threads);
      env.setMaxMasterThreads(threads);
    }
  }

  /**
   * The OpenMP team for a pass over {@code crops} crops that may use up to {@code share} threads: one thread per
   * {@code inference.crops.per.thread} crops, rounded up, at least 1 and at most the share (the whole share when the
   * setting is 0). Why: on 2 cores a two-thread team scored batches of 1-4 crops no faster than one thread, for up
   * to twice the CPU, and end to end one thread won at 1-8 crops (docs/benchmarks.md): a small batch's team spends
   * more time meeting at the end of each op than working, on CPU that Kafka's threads need.
   */
  public static int teamFor(int crops, int share) {
    int whole = Math.max(1, share);
    int per = cropsPerThread;
    if (per == 0) {
      return whole;
    }
    return Math.max(1, Math.min(whole, (crops + per - 1) / per));
  }

  /**
   * Sets the calling thread's OpenMP team size to {@code n} (0: the size every thread starts with), unless this
   * thread already has it from an earlier call; with 0 on a thread never set it does nothing. The engines call it on
   * the threads that run their forward passes (the SameDiff engine's slice threads, the DL4J engine's caller), before
   * each batch. Why per thread: the conv and pooling ops (oneDNN) run OpenMP parallel regions whose size is the
   * <em>calling</em> thread's {@code nthreads-var}, which starts from {@code OMP_NUM_THREADS} and which
   * {@code omp_set_num_threads} changes for that thread only; ND4J's {@link Environment#setMaxThreads} does not reach
   * it. Without this, {@code inference.threads} would only limit libnd4j's own thread pool.
   */
  public static void applyToCurrentThread(int n) {
    Integer applied = APPLIED.get();
    if (n > 0 && !Integer.valueOf(n).equals(applied)) {
      nativeOps().setOmpNumThreads(n);
      APPLIED.set(n);
    } else if (n == 0 && applied != null) {
      // back to ND4J's choice: the team size every thread starts with
      nativeOps().setOmpNumThreads(DEFAULT_TEAM);
      APPLIED.remove();
    }
  }

  /** Inference threads in effect: {@code inference.threads}, or the default team size when it is 0. */
  public static int effectiveThreads() {
    int n = threads;
    return n > 0 ? n : DEFAULT_TEAM;
  }

  /**
   * Slice threads in effect: the configured {@code inference.slices} (0: one per inference thread), at most
   * {@link #effectiveThreads()}, at least 1. A batch cut into k of them runs each slice with
   * {@code effectiveThreads() / k} OpenMP threads.
   */
  public static int sliceThreads() {
    int eff = effectiveThreads();
    int configured = slices == 0 ? eff : slices;
    return Math.max(1, Math.min(configured, eff));
  }

  /** The OpenMP team size that a parallel region started by the calling thread would get. */
  public static int ompThreadsOfCurrentThread() {
    return nativeOps().ompGetMaxThreads();
  }

  /** ND4J's native ops, after its backend has loaded (NativeOpsHolder alone fails when it is first). */
  private static org.nd4j.nativeblas.NativeOps nativeOps() {
    Nd4j.getBackend();
    return NativeOpsHolder.getInstance().getDeviceNativeOps();
  }

  private static int defaultTeam() {
    try {
      int n = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "").split(",")[0].trim());
      return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    } catch (NumberFormatException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  /** Backend, BLAS and threads, for the start-up log and the benchmark table. */
  public static String describe() {
    Environment env = Nd4j.getEnvironment();
    Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
    String backend = env.isCPU() ? "CPU" : "CUDA";
    return String.format(java.util.Locale.ROOT,
        "backend=%s (%s), nd4j-native binary=%s, blas=%s, cores=%s, omp.threads=%s, inference.threads=%s, inference.slices=%s, "
            + "inference.crops.per.thread=%s, maxThreads=%d, "
            + "maxMasterThreads=%d, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, dtype=%s",
        backend, Nd4j.getBackend().getClass().getSimpleName(), NativeBinary.current(),
        info.getOrDefault("blas.vendor", "?"),
        info.getOrDefault("cores", Runtime.getRuntime().availableProcessors()), info.getOrDefault("omp.threads", "?"),
        threads == 0 ? "default" : String.valueOf(threads), slices == 0 ? "auto" : String.valueOf(slices),
        cropsPerThread == 0 ? "whole share" : String.valueOf(cropsPerThread),
        env.maxThreads(), env.maxMasterThreads(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
        System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"), Nd4j.dataType());
  }
}
