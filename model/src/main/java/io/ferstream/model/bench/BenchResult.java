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
 * @param cpuMsPerBatch process CPU milliseconds (all threads) per iteration, averaged over the timed iterations
 * @param check         the correctness check: for training, the loss on a fixed batch of 8 before and after 6
 *                      training steps on it (it must fall); for SameDiff inference, the largest difference of its
 *                      probabilities from the MultiLayerNetwork with the same weights; "-" if none applies
 * @param error         why the cell failed, or null
 */
public record BenchResult(BenchConfig config, String nativeVariant, String ompThreads, String ompWaitPolicy, int iterations,
                          double medianMs, double minMs, double imagesPerSec, double gflops, double sgemmGflops,
                          double cpuMsPerBatch, String check, String error) {

    /** Whether the correctness check found a problem. */
    public boolean suspect() {
        return check != null && !check.equals("-") && !check.endsWith(" ok");
    }

    /**
     * Images per CPU-second: less sensitive to other load on a shared machine than {@link #imagesPerSec()}, but it
     * also counts CPU spent spinning (OMP_WAIT_POLICY=ACTIVE) and does not reward using more cores.
     */
    public double imagesPerCpuSecond() {
        return cpuMsPerBatch > 0 ? config.batch() / (cpuMsPerBatch / 1e3) : 0;
    }

    /** Share of the SGEMM ceiling reached. */
    public double ceilingShare() {
        return sgemmGflops > 0 ? gflops / sgemmGflops : 0;
    }
}
