package io.ferstream.classifier.inference;

import io.ferstream.model.bench.SameDiffNets;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.train.Predictor;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A release's members as SameDiff graphs (NHWC, built by {@link SameDiffNets#fromNetwork}): libnd4j's own conv and
 * pool ops, which run through oneDNN on the {@code onednn-avx512} binary, instead of DL4J's im2col + GEMM. Computes
 * exactly what {@code Ensemble} computes: the release's {@link Preprocessing}, with HFLIP each member's output
 * averaged over the crop and its mirror (mirrored after preprocessing, as {@code Ensemble} does), then the members'
 * outputs averaged.
 *
 * <p>With HFLIP the crops and their mirrors are stacked into one [2N,48,48,1] input, so each member runs one
 * forward pass per batch: every op of these graphs works on each example alone, and one call costs less than two
 * (SameDiff pays a per-call overhead; its execution cache, which would amortise it, is off for correctness).
 * Batches larger than {@link #MAX_ROWS} input rows are cut into chunks, as {@code Ensemble} does, to bound the
 * activation memory. Calls are serialised: they all run on one thread ({@link #predict}).
 */
final class SameDiffEngine implements InferenceEngine {

  /** Most input rows (crops, plus their mirrors with HFLIP) in one forward pass. */
  static final int MAX_ROWS = Predictor.BATCH;
  private static final int PIXELS = Preprocessing.PIXELS;
  private static final int SIDE = Preprocessing.SIDE;

  private final String releaseId;
  private final List<SameDiff> members;
  private final Preprocessing preprocessing;
  private final boolean hflip;
  /**
   * Off-heap garbage (estimated) after which {@link #predict} asks for a GC. The activations SameDiff allocates
   * without its cache are freed only when their Java objects are collected: {@link SessionArrays} closes the op
   * outputs at once, but each pass leaves about 0.6x as much again (allocated inside ND4J, on either binary, out of
   * reach) for the GC. A serving JVM allocates little on the heap, so GCs are rare, and without this the resident
   * size grew by ~60 MB per 256-row pass of one ref4 member, without bound. A System.gc() took 30-250 ms on this
   * loaded machine; at this budget that is one per ~250 crops of a 9-member HFLIP release.
   */
  static final long GC_BUDGET_BYTES = 1L << 30;
  /** Garbage left behind per byte of op outputs closed (measured on ref4: ~61 MB per ~98 MB closed). */
  private static final double HIDDEN_GARBAGE_FACTOR = 0.6;

  /**
   * The thread every SameDiff forward pass runs on, shared by all engines (so also across hot swaps). Native state
   * is per calling thread in ND4J M2.1 (SameDiff's sessions, libnd4j's launch context and what it holds): a pass on
   * each new thread left ~0.6-1.3 GB resident behind, measured with the benchmark, which starts a new application,
   * hence new stream threads, for every row, and was killed (exit 137) at 11 GB resident. One long-lived thread
   * pays it once.
   */
  private static final ExecutorService INFERENCE_THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "samediff-inference");
    t.setDaemon(true);
    return t;
  });

  private volatile boolean closed;
  private double garbage;

  SameDiffEngine(String releaseId, List<SameDiff> members, Preprocessing preprocessing, boolean hflip) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a release has at least one member");
    }
    this.releaseId = releaseId;
    this.members = List.copyOf(members);
    this.preprocessing = preprocessing;
    this.hflip = hflip;
  }

  @Override
  public String releaseId() {
    return releaseId;
  }

  @Override
  public int ensembleSize() {
    return members.size();
  }

  @Override
  public String engine() {
    return EngineKind.SAMEDIFF.configValue();
  }

  /**
   * Scores on the one {@link #INFERENCE_THREAD}, whichever thread calls (stream threads, the release loader).
   * Interrupting the caller abandons the wait, not the forward pass.
   */
  @Override
  public float[][] predict(List<byte[]> crops) {
    if (closed) {
      throw new IllegalStateException("release " + releaseId + " is closed");
    }
    Future<float[][]> result = INFERENCE_THREAD.submit(() -> predictHere(crops));
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while release " + releaseId + " scored a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private synchronized float[][] predictHere(List<byte[]> crops) {
    int n = crops.size();
    float[][] out = new float[n][];
    int chunk = hflip ? MAX_ROWS / 2 : MAX_ROWS;
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      float[] probs = predictChunk(crops.subList(from, to));
      for (int i = from; i < to; i++) {
        out[i] = new float[CLASSES];
        System.arraycopy(probs, (i - from) * CLASSES, out[i], 0, CLASSES);
      }
    }
    return out;
  }

  /** The ensemble's probabilities for up to {@link #MAX_ROWS} input rows, as [k*6] row-major. */
  private float[] predictChunk(List<byte[]> crops) {
    int k = crops.size();
    INDArray input = Nd4j.create(input(crops), new long[] {hflip ? 2L * k : k, SIDE, SIDE, 1}, DataType.FLOAT);
    float[] sum = new float[k * CLASSES];
    try {
      for (SameDiff member : members) {
        float[] o;
        try {
          o = toFloats(SameDiffNets.output(member, input));
        } finally {
          garbage += HIDDEN_GARBAGE_FACTOR * SessionArrays.free(member);
        }
        for (int j = 0; j < k * CLASSES; j++) {
          // the same float operations as Ensemble: (p + p_mirror) / 2 per member, summed, divided by the count
          sum[j] += hflip ? (o[j] + o[k * CLASSES + j]) / 2 : o[j];
        }
      }
    } finally {
      input.close();
      if (garbage > GC_BUDGET_BYTES) {
        garbage = 0;
        System.gc(); // runs ND4J's deallocators of the unreachable activations (see GC_BUDGET_BYTES)
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= members.size();
    }
    return sum;
  }

  private static float[] toFloats(INDArray probs) {
    INDArray copy = probs.castTo(DataType.FLOAT).dup('c');
    try {
      return copy.data().asFloat();
    } finally {
      copy.close();
    }
  }

  /**
   * Preprocessed pixels, [k,48,48,1] row-major (one channel: the same memory as Ensemble's [k,1,48,48]); with HFLIP
   * followed by the k mirrored rows, mirrored after preprocessing like {@code Ensemble.flipWidth}.
   */
  private float[] input(List<byte[]> crops) {
    int k = crops.size();
    float[] buf = new float[(hflip ? 2 * k : k) * PIXELS];
    for (int i = 0; i < k; i++) {
      byte[] c = crops.get(i);
      if (c == null || c.length != PIXELS) {
        throw new IllegalArgumentException("crop " + i + " must be " + SIDE + "x" + SIDE + " = " + PIXELS
            + " bytes, was " + (c == null ? "null" : c.length));
      }
      preprocessing.apply(c, 0, buf, i * PIXELS);
      if (hflip) {
        int src = i * PIXELS;
        int dst = (k + i) * PIXELS;
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            buf[dst + y * SIDE + x] = buf[src + y * SIDE + SIDE - 1 - x];
          }
        }
      }
    }
    return buf;
  }

  /** The graphs hold their own copies of the weights; dropping them frees the memory once collected. */
  @Override
  public void close() {
    closed = true;
  }
}
