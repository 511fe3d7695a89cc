package io.ferstream.model.bench;

/**
 * The measured speed of one {@link BenchConfig}.
 *
 * @param config        the cell
 * @param nativeVariant the nd4j-native binary: {@code default} (linux-x86_64) or a platform extension such as
 *                      {@code avx512} or {@code onednn-avx512}
 * @param ompThreads    OMP_NUM_THREADS of the measuring process ("default" if unset)
 * @param ompWaitPolicy OMP_WAIT_POLICY of the measuring process ("default" if unset)
 * @param iterations    timed iterations
 * @param medianMs      median milliseconds per iteration (one batch)
 * @param minMs         fastest iteration
 * @param imagesPerSec  batch / median seconds
 * @param gflops        imagesPerSec x analytic FLOPs per image (3 x forward for training) / 1e9
 * @param sgemmGflops   ND4J SGEMM GFLOP/s measured in the same process just before
 * @param error         why the cell failed, or null
 */
public record BenchResult(BenchConfig config, String nativeVariant, String ompThreads, String ompWaitPolicy, int iterations,
                          double medianMs, double minMs, double imagesPerSec, double gflops, double sgemmGflops,
                          String error) {

    /** Share of the SGEMM ceiling reached. */
    public double ceilingShare() {
        return sgemmGflops > 0 ? gflops / sgemmGflops : 0;
    }
}
