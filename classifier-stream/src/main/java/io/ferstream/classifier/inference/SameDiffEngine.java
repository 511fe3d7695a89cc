package io.ferstream.classifier.inference;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.model.bench.SameDiffNets;
import io.ferstream.model.preprocess.Preprocessing;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A release's members as SameDiff graphs (NHWC, built by {@link SameDiffNets#fromNetwork}): libnd4j's own conv and pool
 * ops, which run through oneDNN on the {@code onednn-avx512} and {@code onednn-avx2} binaries, instead of DL4J's im2col
 * + GEMM. Computes exactly what {@code Ensemble} computes: the release's {@link Preprocessing}, with HFLIP each
 * member's output averaged over the crop and its mirror (mirrored after preprocessing, as {@code Ensemble} does), then
 * the members' outputs averaged.
 *
 * <p><b>Planned passes.</b> The graphs are not run through {@code SameDiff.output}: each member's forward pass is
 * planned once per slice thread ({@link PlannedGraph}) and runs SameDiff's own ops, with the same arguments, on
 * activation buffers allocated once, so the probabilities are the same floats and a pass allocates nothing. Measured
 * on one thread for one {@code vgg-bn} member (2026-11-30, docs/benchmarks.md), against {@code SameDiff.output} with
 * the cache off: 2 rows 1.5 ms against 2.4-3.2 ms on average and a p99 of 1.6-2.9 ms against 7-11 ms; 16 rows 9.9
 * against 16.2-17.0 ms (p99 10-22 against 69-74 ms); 0-1 young collections against 2-33 per run of 3,200 rows.
 *
 * <p>With HFLIP the crops and their mirrors are stacked into one [2N,48,48,1] input, so each member runs one
 * forward pass per batch: every op of these graphs works on each example alone, and one call costs less than two.
 * Batches larger than {@link #MAX_ROWS} input rows are cut into chunks, which bounds the activation buffers.
 *
 * <p><b>Slices.</b> A batch is cut into up to {@link Nd4jRuntime#sliceThreads} contiguous slices, each scored on its
 * own inference thread with its own copy of the graphs, at the same time, with an OpenMP team of
 * {@code inference.threads / slices} (1 on 2 cores): independent single-threaded passes instead of one two-thread
 * pass. Why: an OpenMP team waits for its slowest thread at the end of every op (about 30 per member pass here),
 * so when Kafka's threads take a core for a moment the whole team waits, op after op; independent slices only meet
 * once per batch. Measured on 2 cores, pure inference: batches of 8 and 64 scored 1.2-1.7x and 1.3x faster as two
 * one-thread halves than as one two-thread pass (process CPU 1.7-1.9 cores busy against 1.2-1.6 in five of six
 * two-thread measurements), batches of 256 +10 % and -18 %; end to end it paid from 64 crops up
 * (docs/benchmarks.md). A batch smaller than {@link #MIN_CROPS_PER_SLICE} crops per slice is cut into
 * fewer slices, each with a larger share of the threads ({@code inference.threads / slices}; one pass with the whole
 * share when not cut); a slice's OpenMP team is its share or, for a few crops, less ({@link Nd4jRuntime#teamFor}: one
 * thread per {@code inference.crops.per.thread} crops). With two or more members, a batch too small to cut runs
 * its members at the same time instead, one per slice thread, a left-over member's rows split among them
 * ({@link #predictByMember}). Every row is scored alone (batch norm with its running statistics), so slicing does
 * not change any probability beyond the last bits.
 */
final class SameDiffEngine implements InferenceEngine {

  /**
   * Most input rows (crops, plus their mirrors with HFLIP) in one forward pass: the row count the activation buffers
   * of every planned pass are sized for (for {@code vgg-bn} 38 MB per member and slice thread). Larger chunks would not be
   * faster: a planned pass costs the same per row from 16 rows up (0.62 ms per row at 16 and at 64 rows, measured
   * as above).
   */
  static final int MAX_ROWS = 64;
  private static final int PIXELS = Preprocessing.PIXELS;
  private static final int SIDE = Preprocessing.SIDE;

  /**
   * A slice gets at least this many crops; smaller batches use fewer slices. Measured end to end (docs/benchmarks.md):
   * slices of 4-8 crops cost more CPU per crop than they gain (SameDiff's fixed cost per call, twice); since the
   * engine's GCs left the inference thread (2026-11-30), batches of 32 ran 15-35 % faster as two slices of 16 than
   * in one two-thread pass.
   */
  static final int MIN_CROPS_PER_SLICE = 16;

  private final String releaseId;
  /** {@code plans.get(i)}: the members' planned passes for slice thread i, used on that thread only. */
  private final List<List<PlannedGraph>> plans;
  private final int memberCount;
  private final Preprocessing preprocessing;
  private final boolean hflip;
  /**
   * The threads every SameDiff forward pass runs on: slice i of every batch runs on thread i, shared by all engines
   * (so also across hot swaps) and created once. Native state is per calling thread in ND4J M2.1 (SameDiff's
   * sessions, libnd4j's launch context and what it holds): a pass on each new thread left ~0.6-1.3 GB resident
   * behind, measured with the benchmark, which starts a new application, hence new stream threads, for every row,
   * and was killed (exit 137) at 11 GB resident. Long-lived threads pay it once each.
   */
  private static final List<ExecutorService> SLICE_THREADS = new java.util.ArrayList<>(); // guarded by itself

  private static ExecutorService sliceThread(int i) {
    synchronized (SLICE_THREADS) {
      while (SLICE_THREADS.size() <= i) {
        String name = "samediff-inference-" + SLICE_THREADS.size();
        SLICE_THREADS.add(Executors.newSingleThreadExecutor(DaemonThreads.named(name)));
      }
      return SLICE_THREADS.get(i);
    }
  }

  private volatile boolean closed;

  /**
   * @param graphs the members' graphs, one list per slice thread (each list holds every member, in member order;
   *               the lists are independent copies of the same graphs)
   */
  SameDiffEngine(String releaseId, List<List<SameDiff>> graphs, Preprocessing preprocessing, boolean hflip) {
    if (graphs.isEmpty() || graphs.get(0).isEmpty()) {
      throw new IllegalArgumentException("a release has at least one member and an engine at least one slice");
    }
    int m = graphs.get(0).size();
    if (graphs.stream().anyMatch(g -> g.size() != m)) {
      throw new IllegalArgumentException("every slice needs every member");
    }
    this.releaseId = releaseId;
    this.plans = graphs.stream()
        .map(copy -> copy.stream().map(g -> new PlannedGraph(g, SameDiffNets.INPUT, SameDiffNets.PROBS, MAX_ROWS))
            .toList())
        .toList();
    this.memberCount = m;
    this.preprocessing = preprocessing;
    this.hflip = hflip;
  }

  @Override
  public String releaseId() {
    return releaseId;
  }

  @Override
  public int ensembleSize() {
    return memberCount;
  }

  /** Slice threads this engine can use (copies of its graphs). */
  int sliceCapacity() {
    return plans.size();
  }

  @Override
  public String engine() {
    return EngineKind.SAMEDIFF.configValue();
  }

  /**
   * Scores the batch in slices on the slice threads ({@link #SLICE_THREADS}), whichever thread calls (stream
   * threads, the release loader), and returns the rows in input order. Interrupting the caller abandons the wait,
   * not the forward passes.
   */
  @Override
  public float[][] predict(List<byte[]> crops) {
    return predictTimed(crops).probabilities();
  }

  /**
   * {@link #predict}, timed from the moment the first of the batch's passes starts on a slice thread: batches
   * submitted at the same time (up to {@code batch.max.in.flight} per stream thread) queue pass by pass on the slice
   * threads, in submission order, and a batch's wait behind the others is not its inference. Queued that way, a
   * slice thread that finishes its part of one batch starts on the next without waiting for the other slice thread
   * to finish the first, so the two cores do not wait for each other at every batch.
   */
  @Override
  public Prediction predictTimed(List<byte[]> crops) {
    if (closed) {
      throw new IllegalStateException("release " + releaseId + " is closed");
    }
    int n = crops.size();
    // slices share the cores; a batch too small to cut runs its members side by side or, with one member, in one pass
    // with the whole team (end to end, batches of 32 on a one-thread team scored 65-75 % of the pure rate against
    // 83-89 % on two threads)
    int sliceThreads = Math.min(plans.size(), Nd4jRuntime.sliceThreads());
    int slices = Math.max(1, Math.min(sliceThreads, n / MIN_CROPS_PER_SLICE));
    // by member even for one crop: kept on one thread (as inference.crops.per.thread would have it), single crops
    // scored 60 % of the pure rate end to end, because the pure rate scores them by member (289 against 171
    // crops/s); by member, 75-83 % (204 crops/s). docs/benchmarks.md, 2026-11-30 19:26 and 20:15 UTC
    AtomicLong started = new AtomicLong(Long.MAX_VALUE);
    if (slices == 1 && sliceThreads > 1 && memberCount > 1) {
      float[][] p = predictByMember(crops, Math.min(sliceThreads, memberCount), started);
      return new Prediction(p, started.get(), System.nanoTime());
    }
    int share = Math.max(1, Nd4jRuntime.effectiveThreads() / slices);
    List<Future<float[][]>> parts = new java.util.ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      List<byte[]> slice = crops.subList(i * n / slices, (i + 1) * n / slices);
      int team = Nd4jRuntime.teamFor(slice.size(), share); // a small batch runs on fewer threads than its share
      List<PlannedGraph> members = plans.get(i);
      parts.add(sliceThread(i).submit(() -> {
        started.accumulateAndGet(System.nanoTime(), Math::min);
        return predictHere(members, slice, team);
      }));
    }
    float[][] out = new float[n][];
    int row = 0;
    try {
      for (Future<float[][]> part : parts) {
        for (float[] r : part.get()) {
          out[row++] = r;
        }
      }
      return new Prediction(out, started.get(), System.nanoTime());
    } catch (InterruptedException | ExecutionException e) {
      throw failure(e);
    }
  }

  /**
   * A batch too small to cut into slices ({@link #MIN_CROPS_PER_SLICE}): the members run at the same time instead,
   * each on the whole batch with its share of the OpenMP threads: member j on slice thread j mod {@code threads}, as
   * long as every thread gets one more (the first {@code memberCount - memberCount % threads} members). One crop
   * through two members took 6-8 ms on one thread while the other core idled; members are as independent as slices
   * (they meet once, when their outputs are summed). The members left over (three on two threads: the third) are
   * split by input rows instead, each thread scoring its share of the rows (with HFLIP on two threads: the crops on
   * one, their mirrors on the other); given whole to thread j mod {@code threads}, the third member made a batch take
   * two member passes on one thread while the other idled for one (docs/benchmarks.md, 2026-12-01 11:45 UTC). The
   * outputs are summed here in member order; a member scored whole gives the same floats as {@code Ensemble}, a split
   * one the same up to its rows' last bits (the conv kernels may differ with the row count).
   */
  private float[][] predictByMember(List<byte[]> crops, int threads, AtomicLong started) {
    int team = Nd4jRuntime.teamFor(crops.size(), Math.max(1, Nd4jRuntime.effectiveThreads() / threads));
    int whole = memberCount - memberCount % threads;
    int rows = hflip ? 2 * crops.size() : crops.size();
    // thread t scores the left-over members' rows rowBounds[t] .. rowBounds[t + 1] - 1
    int[] rowBounds = new int[threads + 1];
    for (int t = 0; t <= threads; t++) {
      rowBounds[t] = t * rows / threads;
    }
    List<Future<float[][]>> byThread = new java.util.ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int first = t;
      List<PlannedGraph> mine = plans.get(t);
      int fromRow = rowBounds[t];
      int toRow = rowBounds[t + 1];
      byThread.add(sliceThread(t).submit(() -> {
        started.accumulateAndGet(System.nanoTime(), Math::min);
        Nd4jRuntime.applyToCurrentThread(team);
        float[][] out = memberOutputs(mine, crops, first, threads, whole);
        if (whole < memberCount && toRow > fromRow) {
          float[] input = pixels(crops);
          for (int j = whole; j < memberCount; j++) {
            out[j] = rawRows(mine.get(j), input, fromRow, toRow);
          }
        }
        return out;
      }));
    }
    float[][] outputs = new float[memberCount][];
    float[][] splitRows = new float[memberCount][];
    for (int j = whole; j < memberCount; j++) {
      splitRows[j] = new float[rows * CLASSES];
    }
    try {
      for (int t = 0; t < threads; t++) {
        float[][] mine = byThread.get(t).get();
        for (int j = t; j < whole; j += threads) {
          outputs[j] = mine[j];
        }
        int count = rowBounds[t + 1] - rowBounds[t];
        for (int j = whole; j < memberCount && count > 0; j++) {
          System.arraycopy(mine[j], 0, splitRows[j], rowBounds[t] * CLASSES, count * CLASSES);
        }
      }
    } catch (InterruptedException | ExecutionException e) {
      throw failure(e);
    }
    for (int j = whole; j < memberCount; j++) {
      outputs[j] = hflipMean(splitRows[j], crops.size());
    }
    return average(outputs, crops.size());
  }

  /**
   * One member's softmax rows {@code from..to-1} of {@code input} (rows of {@link #PIXELS} floats), [(to-from)*6], in
   * chunks of at most {@link #MAX_ROWS} rows.
   */
  private float[] rawRows(PlannedGraph member, float[] input, int from, int to) {
    float[] out = new float[(to - from) * CLASSES];
    for (int r = from; r < to; r += MAX_ROWS) {
      int k = Math.min(MAX_ROWS, to - r);
      float[] part = java.util.Arrays.copyOfRange(input, r * PIXELS, (r + k) * PIXELS);
      System.arraycopy(member.run(part, k), 0, out, (r - from) * CLASSES, k * CLASSES);
    }
    return out;
  }

  private RuntimeException failure(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted while release " + releaseId + " scored a batch", e);
    }
    if (e.getCause() instanceof RuntimeException r) {
      return r;
    }
    if (e.getCause() instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(e.getCause());
  }

  /** The OpenMP team size of slice thread i now (tests: that {@code inference.threads} reaches it). */
  static int ompThreadsOfSliceThread(int i) throws Exception {
    return sliceThread(i).submit(Nd4jRuntime::ompThreadsOfCurrentThread).get();
  }

  /** Scores one slice on the calling slice thread with its graphs and an OpenMP team of {@code team}. */
  private float[][] predictHere(List<PlannedGraph> members, List<byte[]> crops, int team) {
    Nd4jRuntime.applyToCurrentThread(team); // this thread runs the conv ops: its OpenMP team size is what counts
    return average(memberOutputs(members, crops, 0, 1, memberCount), crops.size());
  }

  /**
   * The probabilities of members {@code first}, {@code first + step}, ... below {@code end} for the crops,
   * [member][n*6] row-major (other members' entries null), in chunks of at most {@link #MAX_ROWS} input rows, each
   * chunk's input built once for all of them.
   */
  private float[][] memberOutputs(List<PlannedGraph> members, List<byte[]> crops, int first, int step, int end) {
    int n = crops.size();
    float[][] out = new float[memberCount][];
    if (first >= end) {
      return out;
    }
    for (int j = first; j < end; j += step) {
      out[j] = new float[n * CLASSES];
    }
    int chunk = hflip ? MAX_ROWS / 2 : MAX_ROWS;
    for (int from = 0; from < n; from += chunk) {
      List<byte[]> part = crops.subList(from, Math.min(n, from + chunk));
      float[] input = pixels(part);
      for (int j = first; j < end; j += step) {
        System.arraycopy(memberChunk(members.get(j), input, part.size()), 0, out[j], from * CLASSES,
            part.size() * CLASSES);
      }
    }
    return out;
  }

  /**
   * The ensemble's rows from every member's [n*6] output: summed in member order and divided by the count, the same
   * float operations as {@code Ensemble}, whichever threads computed the members.
   */
  private float[][] average(float[][] memberOutputs, int n) {
    float[] sum = new float[n * CLASSES];
    for (float[] o : memberOutputs) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o[j];
      }
    }
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new float[CLASSES];
      for (int c = 0; c < CLASSES; c++) {
        out[i][c] = sum[i * CLASSES + c] / memberCount;
      }
    }
    return out;
  }

  /**
   * One member's probabilities for the k crops of {@code input}, [k*6]: with HFLIP (p + p_mirror) / 2, the same float
   * operations as Ensemble, which then sums the members in order and divides by their count.
   */
  private float[] memberChunk(PlannedGraph member, float[] input, int k) {
    return hflipMean(member.run(input, hflip ? 2 * k : k), k);
  }

  /** A member's [k*6] probabilities from its softmax rows: with HFLIP, rows i and k + i averaged; else the rows. */
  private float[] hflipMean(float[] o, int k) {
    if (!hflip) {
      return o;
    }
    float[] p = new float[k * CLASSES];
    for (int j = 0; j < k * CLASSES; j++) {
      p[j] = (o[j] + o[k * CLASSES + j]) / 2;
    }
    return p;
  }

  /**
   * Preprocessed pixels, [k,48,48,1] row-major (one channel: the same memory as Ensemble's [k,1,48,48]); with HFLIP
   * followed by the k mirrored rows, mirrored after preprocessing like {@code Ensemble.flipWidth}.
   */
  private float[] pixels(List<byte[]> crops) {
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

  /**
   * Frees the planned passes' activation buffers, each on its own slice thread, after the passes already queued
   * there: a batch still in flight when the engine is swapped out finishes first. A batch submitted after this
   * fails with a closed-engine error instead of touching freed memory. The graphs hold their own copies of the
   * weights; dropping them frees those once collected.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = 0; i < plans.size(); i++) {
      List<PlannedGraph> mine = plans.get(i);
      sliceThread(i).execute(() -> mine.forEach(PlannedGraph::close));
    }
  }
}
