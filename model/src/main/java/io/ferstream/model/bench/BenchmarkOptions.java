package io.ferstream.model.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import picocli.CommandLine.Option;

/**
 * The benchmark grid and timing options, shared by {@code ferstream benchmark} and {@link ModelBenchmark#main}.
 * Every list option multiplies the grid. {@code --omp-threads} and {@code --omp-wait} are process environment
 * settings read by ND4J's native library at start-up, and {@code --native} picks the native binary at start-up, so
 * each combination of these runs in a child JVM.
 */
public final class BenchmarkOptions {

    @Option(names = "--arch", split = ",", description = "Architectures (default: ${DEFAULT-VALUE}).",
            defaultValue = "ref4,ref5")
    List<String> archs = new ArrayList<>();

    @Option(names = "--mode", split = ",", description = "TRAIN and/or INFER (default: ${DEFAULT-VALUE}).",
            defaultValue = "TRAIN,INFER")
    List<BenchConfig.Mode> modes = new ArrayList<>();

    @Option(names = "--batch", split = ",", description = "Batch sizes (default: ${DEFAULT-VALUE}).",
            defaultValue = "1,8,32,128")
    List<Integer> batches = new ArrayList<>();

    @Option(names = "--engine", split = ",", description = "MLN (MultiLayerNetwork) and/or SAMEDIFF (default: ${DEFAULT-VALUE}).",
            defaultValue = "MLN")
    List<BenchConfig.Engine> engines = new ArrayList<>();

    @Option(names = "--format", split = ",", description = "NCHW and/or NHWC (default: ${DEFAULT-VALUE}).",
            defaultValue = "NCHW")
    List<CNN2DFormat> formats = new ArrayList<>();

    @Option(names = "--workspace", split = ",", description = "ENABLED and/or NONE, for training and inference (default: ${DEFAULT-VALUE}).",
            defaultValue = "ENABLED")
    List<WorkspaceMode> workspaces = new ArrayList<>();

    @Option(names = "--data", split = ",", description = "MEMORY (one batch reused) and/or ITERATOR (fresh batch per step) (default: ${DEFAULT-VALUE}).",
            defaultValue = "MEMORY")
    List<BenchConfig.DataSource> data = new ArrayList<>();

    @Option(names = "--omp-threads", split = ",", description = "OMP_NUM_THREADS values; each runs in a child JVM (default: this process's).")
    List<Integer> ompThreads = new ArrayList<>();

    @Option(names = "--omp-wait", split = ",", description = "OMP_WAIT_POLICY values (PASSIVE, ACTIVE); each runs in a child JVM (default: this process's).")
    List<String> ompWait = new ArrayList<>();

    @Option(names = "--native", split = ",", description = "nd4j-native binaries to compare, each in a child JVM: "
            + "default (linux-x86_64), avx512, onednn-avx512, onednn-avx2 (the jar must be in the local Maven repository "
            + "next to the default one) (default: this process's).")
    List<String> natives = new ArrayList<>();

    @Option(names = "--warmup", description = "Untimed iterations per cell (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int warmup;

    @Option(names = "--iterations", description = "Timed iterations per cell, at most (default: ${DEFAULT-VALUE}).", defaultValue = "7")
    int iterations;

    @Option(names = "--max-seconds", description = "Stop timing a cell after this many seconds, once 3 iterations are done (default: ${DEFAULT-VALUE}).",
            defaultValue = "12")
    double maxSeconds;

    @Option(names = "--samediff-cache", description = "Turn SameDiff's execution cache back on (off by default: with "
            + "the onednn-avx512 binary it gives wrong results after the first call; the check column shows it).")
    boolean sameDiffCache;

    @Option(names = "--rounds", description = "Run the whole grid this many times, alternating the child JVMs, and keep "
            + "each cell's fastest round (for a shared, noisy machine) (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int rounds;

    @Option(names = "--sgemm-size", description = "Matrix side of the SGEMM ceiling (default: ${DEFAULT-VALUE}).", defaultValue = "1024")
    int sgemmSize;

    @Option(names = "--flops", description = "Print the per-layer FLOP table of each architecture.")
    boolean printFlops;

    @Option(names = "--out", description = "Folder for results.csv, results.md and throughput.png.")
    Path out;

    @Option(names = "--merge", split = ",", paramLabel = "CSV",
            description = "Measure nothing: merge the results.csv files of earlier runs into one table (and charts with --out).")
    List<Path> merge = new ArrayList<>();

    @Option(names = "--child", hidden = true, description = "Internal: run the grid in this process and print machine-readable rows.")
    boolean child;

    /** The arguments that reproduce this grid in a child JVM (without the process-environment options). */
    List<String> childArgs() {
        List<String> a = new ArrayList<>();
        a.add("--arch=" + String.join(",", archs));
        a.add("--mode=" + join(modes));
        a.add("--batch=" + join(batches));
        a.add("--engine=" + join(engines));
        a.add("--format=" + join(formats));
        a.add("--workspace=" + join(workspaces));
        a.add("--data=" + join(data));
        a.add("--warmup=" + warmup);
        a.add("--iterations=" + iterations);
        a.add("--max-seconds=" + maxSeconds);
        a.add("--sgemm-size=" + sgemmSize);
        if (printFlops) {
            a.add("--flops");
        }
        if (sameDiffCache) {
            a.add("--samediff-cache");
        }
        a.add("--child");
        return a;
    }

    private static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(","));
    }

    /** The command line these options correspond to (for the report). */
    String commandLine() {
        List<String> a = childArgs();
        a.remove("--child");
        if (rounds > 1) {
            a.add("--rounds=" + rounds);
        }
        a.remove("--flops");
        if (!ompThreads.isEmpty()) {
            a.add("--omp-threads=" + join(ompThreads));
        }
        if (!ompWait.isEmpty()) {
            a.add("--omp-wait=" + String.join(",", ompWait));
        }
        if (!natives.isEmpty()) {
            a.add("--native=" + String.join(",", natives));
        }
        return String.join(" ", a);
    }
}
