package io.ferstream.model.bench;

import static io.ferstream.common.runtime.NativeBinary.PLATFORM_EXTENSION;

import io.ferstream.common.runtime.NativeBinary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import io.ferstream.model.arch.Architecture;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.charts.Charts;
import io.ferstream.model.data.Fer2013Data;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Speed of the FerStream networks under DL4J on this machine: images/s and GFLOP/s (analytic FLOPs, see
 * {@link FlopCounter}) for training and inference per architecture, batch size and DL4J setting, printed as a table
 * next to ND4J's own SGEMM GFLOP/s measured in the same process (the machine's practical ceiling).
 *
 * <p>Each cell: {@code --warmup} untimed iterations, then up to {@code --iterations} timed ones (at least 3, fewer
 * once {@code --max-seconds} have passed); the median is reported. Run as {@code ferstream benchmark ...} or
 * {@code java -cp <model classpath> io.ferstream.model.bench.ModelBenchmark ...}.
 */
@Command(name = "model-benchmark", mixinStandardHelpOptions = true,
        description = "Times DL4J training and inference of the FerStream CNNs against ND4J's SGEMM ceiling.")
public final class ModelBenchmark implements Callable<Integer> {

    static final String RESULT_PREFIX = "BENCH-RESULT\t";
    private static final int PROBE_BATCH = 8;
    private static final int PROBE_STEPS = 6;
    private static final InputType INPUT = InputType.convolutional(Fer2013Data.SIDE, Fer2013Data.SIDE, 1);

    @Mixin
    BenchmarkOptions options = new BenchmarkOptions();

    private final PrintStream out;
    private final PrintStream log;

    public ModelBenchmark() {
        this(System.out, System.err);
    }

    public ModelBenchmark(BenchmarkOptions options, PrintStream out, PrintStream log) {
        this(out, log);
        this.options = options;
    }

    private ModelBenchmark(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        List<BenchResult> results = run();
        return results.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }

    /** Runs the grid (forking a JVM per OMP setting if asked), prints the table and writes the files. */
    public List<BenchResult> run() {
        if (options.child) {
            List<BenchResult> results = runGrid();
            for (BenchResult r : results) {
                out.println(RESULT_PREFIX + BenchResults.toTsv(r));
            }
            out.flush();
            return results;
        }
        if (!options.merge.isEmpty()) {
            return merge();
        }
        String machineBefore = MachineInfo.describe();
        long started = System.nanoTime();
        boolean fork = !options.ompThreads.isEmpty() || !options.ompWait.isEmpty() || !options.natives.isEmpty();
        List<List<BenchResult>> rounds = new ArrayList<>();
        for (int round = 1; round <= Math.max(1, options.rounds); round++) {
            if (options.rounds > 1) {
                log.printf("[bench] round %d of %d%n", round, options.rounds);
            }
            rounds.add(fork ? forkAll() : runGrid());
        }
        List<BenchResult> results = BenchResults.fastestPerCell(rounds);
        String machineAfter = MachineInfo.loadAverage();
        String table = BenchResults.table(results);
        out.println();
        out.println("Machine: " + machineBefore);
        out.println("Load average after: " + machineAfter + "; wall time " + Math.round((System.nanoTime() - started) / 1e9)
                + " s");
        out.println("Command: model-benchmark " + options.commandLine());
        out.println();
        out.print(table);
        out.flush();
        if (options.out != null) {
            write(results, table, machineBefore, machineAfter);
        }
        return results;
    }

    private List<BenchResult> merge() {
        List<BenchResult> results = new ArrayList<>();
        try {
            for (Path csv : options.merge) {
                results.addAll(BenchResults.fromCsv(Files.readString(csv)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String table = BenchResults.table(results);
        out.print(table);
        out.flush();
        if (options.out != null) {
            write(results, table, "merged from " + options.merge, "-");
        }
        return results;
    }

    // ---------------------------------------------------------------------------------------------- in-process

    /** The nd4j-native binary this JVM loaded: "default" or the javacpp platform extension without its dash. */
    static String nativeVariant() {
        return NativeBinary.current();
    }

    private List<BenchResult> runGrid() {
        String nativeVariant = nativeVariant();
        String threads = Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("default");
        String wait = Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")).orElse("default");
        Object ompActual = Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        if ("default".equals(threads) && ompActual != null) {
            threads = "default(" + ompActual + ")";
        }
        log.printf(Locale.ROOT, "[bench] nd4j-native %s, OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s%n", nativeVariant, threads,
                wait);
        List<BenchResult> results = new ArrayList<>();
        for (String archName : options.archs) {
            Architecture arch = Architectures.get(archName);
            NetworkFlops flops = FlopCounter.count(
                    NetworkVariants.configuration(arch, CNN2DFormat.NCHW, WorkspaceMode.ENABLED, 1), INPUT);
            if (options.printFlops) {
                log.println("[bench] " + archName + ": " + arch.description());
                log.print(flops.table());
            }
            for (BenchConfig.Engine engine : options.engines) {
                for (CNN2DFormat format : options.formats) {
                    for (WorkspaceMode ws : options.workspaces) {
                        if (engine == BenchConfig.Engine.SAMEDIFF && ws != options.workspaces.get(0)) {
                            continue; // workspace modes are a MultiLayerNetwork setting
                        }
                        // the ceiling is re-measured next to every group of cells: the machine may be shared
                        double sgemm = Sgemm.gflops(options.sgemmSize, 3, 10);
                        log.printf(Locale.ROOT, "[bench] ND4J SGEMM %dx%d: %.1f GFLOP/s%n", options.sgemmSize,
                                options.sgemmSize, sgemm);
                        results.addAll(runNetwork(arch, engine, format, ws, flops, nativeVariant, threads, wait, sgemm));
                    }
                }
            }
        }
        return results;
    }

    private List<BenchResult> runNetwork(Architecture arch, BenchConfig.Engine engine, CNN2DFormat format,
                                         WorkspaceMode ws, NetworkFlops flops, String nativeVariant, String threads, String wait,
                                         double sgemm) {
        List<BenchResult> results = new ArrayList<>();
        Object net;
        MultiLayerNetwork reference = null;
        try {
            if (engine == BenchConfig.Engine.MLN) {
                net = NetworkVariants.network(arch, format, ws, 42);
            } else {
                // the same weights as a MultiLayerNetwork, which then serves as the reference for the outputs
                reference = NetworkVariants.network(arch, CNN2DFormat.NCHW, ws, 42);
                SameDiff sd = SameDiffNets.fromNetwork(reference, INPUT, format, arch.defaultLearningRate());
                sd.setEnableCache(options.sameDiffCache);
                net = sd;
            }
        } catch (RuntimeException e) {
            for (BenchConfig.Mode mode : options.modes) {
                for (BenchConfig.DataSource ds : options.data) {
                    for (int batch : options.batches) {
                        results.add(failed(new BenchConfig(arch.name(), mode, engine, format, ws, ds, batch),
                                nativeVariant, threads, wait, sgemm, e));
                    }
                }
            }
            return results;
        }
        SyntheticBatches data = new SyntheticBatches(format, 7);
        // inference first: training changes the weights, and the SameDiff inference check needs them unchanged
        List<BenchConfig.Mode> modes = options.modes.stream().distinct().sorted(
                java.util.Comparator.comparing(m -> m == BenchConfig.Mode.INFER ? 0 : 1)).toList();
        for (BenchConfig.Mode mode : modes) {
            for (BenchConfig.DataSource ds : options.data) {
                for (int batch : options.batches) {
                    BenchConfig c = new BenchConfig(arch.name(), mode, engine, format, ws, ds, batch);
                    BenchResult r;
                    try {
                        Timing timing = time(c, net, reference, data);
                        double[] ms = timing.samples().wallMs();
                        double median = Sgemm.median(ms);
                        double min = java.util.Arrays.stream(ms).min().orElse(median);
                        double ips = batch / (median / 1e3);
                        double perImage = mode == BenchConfig.Mode.TRAIN ? flops.trainingFlops() : flops.forwardFlops();
                        r = new BenchResult(c, nativeVariant, threads, wait, ms.length, median, min, ips, ips * perImage / 1e9, sgemm,
                                timing.samples().cpuMsPerIteration(), timing.check(), null);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        r = failed(c, nativeVariant, threads, wait, sgemm, e);
                    }
                    log.println("[bench] " + BenchResults.oneLine(r));
                    results.add(r);
                }
            }
        }
        return results;
    }

    private static BenchResult failed(BenchConfig c, String nativeVariant, String threads, String wait, double sgemm,
                                      Throwable e) {
        String msg = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        return new BenchResult(c, nativeVariant, threads, wait, 0, 0, 0, 0, 0, sgemm, 0, "-",
                msg.length() > 160 ? msg.substring(0, 160) : msg);
    }

    /**
     * Wall-clock milliseconds of each timed iteration, and the process CPU milliseconds per iteration (all threads,
     * averaged over the timed iterations: on a shared machine it stays close to the uncontended cost while the wall
     * time grows with the other load).
     */
    private record Samples(double[] wallMs, double cpuMsPerIteration) {
    }

    /** The samples and the correctness check. */
    private record Timing(Samples samples, String check) {
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hs) {
            return hs.getProcessCpuTime();
        }
        return 0;
    }

    private Timing time(BenchConfig c, Object net, MultiLayerNetwork reference, SyntheticBatches data) {
        int batch = c.batch();
        if (c.mode() == BenchConfig.Mode.INFER) {
            INDArray x = data.features(data.crops(0, batch));
            Samples ms;
            if (c.data() == BenchConfig.DataSource.MEMORY) {
                ms = loop(() -> infer(net, x));
            } else {
                // serving path: crops arrive as bytes, are preprocessed into a fresh INDArray per batch
                List<byte[][]> crops = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    crops.add(data.crops(i * batch, batch));
                }
                int[] next = {0};
                ms = loop(() -> infer(net, data.features(crops.get(next[0]++ % crops.size()))));
            }
            return new Timing(ms, reference == null ? "-" : compareWithReference(net, reference, x, c.format()));
        }
        Samples samples;
        if (c.data() == BenchConfig.DataSource.MEMORY) {
            DataSet ds = data.dataSet(batch);
            if (net instanceof MultiLayerNetwork mln) {
                samples = loop(() -> mln.fit(ds));
            } else {
                SameDiff sd = (SameDiff) net;
                samples = loop(() -> sd.fit(ds));
            }
        } else {
            samples = fitIterator(net, data, batch);
        }
        return new Timing(samples, probeTraining(net, data));
    }

    /**
     * Does training work at all? A few steps on one small fixed batch must lower the loss on that batch (the
     * network can memorise 8 examples); this catches numerically broken set-ups whose speed would mean nothing.
     */
    private static String probeTraining(Object net, SyntheticBatches data) {
        DataSet probe = data.dataSet(PROBE_BATCH);
        double before = loss(net, probe);
        for (int i = 0; i < PROBE_STEPS; i++) {
            if (net instanceof MultiLayerNetwork mln) {
                mln.fit(probe);
            } else {
                ((SameDiff) net).fit(probe);
            }
        }
        double after = loss(net, probe);
        return String.format(Locale.ROOT, "probe loss %.3f->%.3f %s", before, after,
                after < before ? "ok" : "NOT FALLING");
    }

    /** Loss on a batch without training. */
    private static double loss(Object net, DataSet ds) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.score(ds, false);
        }
        return ((SameDiff) net).output(java.util.Map.of(SameDiffNets.INPUT, ds.getFeatures(), SameDiffNets.LABEL,
                ds.getLabels()), SameDiffNets.LOSS).get(SameDiffNets.LOSS).getDouble(0);
    }

    /** Largest |p - p_ref| against the MultiLayerNetwork with the same weights (NCHW input). */
    private static String compareWithReference(Object net, MultiLayerNetwork reference, INDArray x, CNN2DFormat format) {
        INDArray p = ((SameDiff) net).outputSingle(java.util.Map.of(SameDiffNets.INPUT, x), SameDiffNets.PROBS);
        INDArray nchw = format == CNN2DFormat.NCHW ? x : x.permute(0, 3, 1, 2).dup('c');
        double d = p.sub(reference.output(nchw)).amaxNumber().doubleValue();
        return String.format(Locale.ROOT, "max-diff=%.1e %s", d, d < 1e-3 ? "ok" : "MISMATCH");
    }

    private static void infer(Object net, INDArray x) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.output(x);
        } else {
            SameDiffNets.output((SameDiff) net, x);
        }
    }

    /** Warm-up, then timed iterations until {@code --iterations} or {@code --max-seconds} (at least 3). */
    private Samples loop(Runnable iteration) {
        for (int i = 0; i < options.warmup; i++) {
            iteration.run();
        }
        List<Double> ms = new ArrayList<>();
        long start = System.nanoTime();
        long cpu0 = cpuNanos();
        while (ms.size() < Math.max(1, options.iterations)
                && (ms.size() < 3 || (System.nanoTime() - start) / 1e9 < options.maxSeconds)) {
            long t0 = System.nanoTime();
            iteration.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        double cpuMs = (cpuNanos() - cpu0) / 1e6 / ms.size();
        return new Samples(ms.stream().mapToDouble(Double::doubleValue).toArray(), cpuMs);
    }

    /**
     * Training from a DataSetIterator ({@code fit(iterator)}, with DL4J's asynchronous prefetch): the time of each
     * iteration is taken between consecutive iteration-done callbacks, so it includes waiting for the batch.
     */
    private Samples fitIterator(Object net, SyntheticBatches data, int batch) {
        List<Long> stamps = new ArrayList<>();
        long[] start = {0};
        long[] cpu = {0, 0};
        BooleanSupplier stop = () -> stamps.size() >= 3 && (System.nanoTime() - start[0]) / 1e9 >= options.maxSeconds;
        if (net instanceof MultiLayerNetwork mln) {
            if (options.warmup > 0) {
                mln.fit(data.iterator(batch, options.warmup, () -> false));
            }
            mln.setListeners(new BaseTrainingListener() {
                @Override
                public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                    stamps.add(System.nanoTime());
                    cpu[1] = cpuNanos();
                }
            });
            start[0] = System.nanoTime();
            cpu[0] = cpuNanos();
            try {
                mln.fit(data.iterator(batch, Math.max(1, options.iterations), stop));
            } finally {
                mln.setListeners();
            }
        } else {
            SameDiff sd = (SameDiff) net;
            if (options.warmup > 0) {
                sd.fit(data.iterator(batch, options.warmup, () -> false), 1);
            }
            BaseListener listener = new BaseListener() {
                @Override
                public boolean isActive(Operation operation) {
                    return operation == Operation.TRAINING;
                }

                @Override
                public void iterationDone(SameDiff s, At at, MultiDataSet dataSet, Loss loss) {
                    stamps.add(System.nanoTime());
                    cpu[1] = cpuNanos();
                }
            };
            start[0] = System.nanoTime();
            cpu[0] = cpuNanos();
            sd.fit(data.iterator(batch, Math.max(1, options.iterations), stop), 1, listener);
        }
        double[] ms = new double[stamps.size()];
        long prev = start[0];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = (stamps.get(i) - prev) / 1e6;
            prev = stamps.get(i);
        }
        if (ms.length == 0) {
            throw new IllegalStateException("no training iteration completed");
        }
        return new Samples(ms, (cpu[1] - cpu[0]) / 1e6 / ms.length);
    }

    // ------------------------------------------------------------------------------------------------ forking

    private List<BenchResult> forkAll() {
        List<String> threads = options.ompThreads.isEmpty() ? java.util.Collections.singletonList(null)
                : options.ompThreads.stream().map(String::valueOf).toList();
        List<String> waits = options.ompWait.isEmpty() ? java.util.Collections.singletonList(null) : options.ompWait;
        List<String> natives = options.natives.isEmpty() ? java.util.Collections.singletonList(null) : options.natives;
        List<BenchResult> results = new ArrayList<>();
        for (String n : natives) {
            for (String t : threads) {
                for (String w : waits) {
                    results.addAll(fork(n, t, w));
                }
            }
        }
        return results;
    }

    /**
     * The class path with the nd4j-native binary jar of {@code variant} next to the default (linux-x86_64) one,
     * e.g. {@code nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar}.
     */
    static String classPathFor(String classPath, String variant) {
        if (variant == null || variant.equals("default")) {
            return classPath;
        }
        String sep = java.io.File.pathSeparator;
        for (String entry : classPath.split(java.util.regex.Pattern.quote(sep))) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*[/\\\\]nd4j-native-\\d[^/\\\\]*-linux-x86_64)\\.jar$")
                    .matcher(entry);
            if (m.matches()) {
                Path jar = Path.of(m.group(1) + "-" + variant + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("nd4j-native binary for '" + variant + "' not found: " + jar
                            + " (fetch it with: mvn dependency:get -Dartifact=org.nd4j:nd4j-native:<version>:jar:linux-x86_64-"
                            + variant + ")");
                }
                return jar + sep + classPath;
            }
        }
        throw new IllegalArgumentException("no nd4j-native linux-x86_64 jar on the class path to find '" + variant
                + "' next to");
    }

    private List<BenchResult> fork(String nativeVariant, String threads, String wait) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-D" + PLATFORM_EXTENSION)) {
                cmd.add(arg);
            }
        }
        String classPath;
        try {
            classPath = classPathFor(System.getProperty("java.class.path"), nativeVariant);
        } catch (IllegalArgumentException e) {
            log.println("[bench] " + e.getMessage());
            return List.of();
        }
        if (nativeVariant != null && !nativeVariant.equals("default")) {
            cmd.add("-D" + PLATFORM_EXTENSION + "=-" + nativeVariant);
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ModelBenchmark.class.getName());
        cmd.addAll(options.childArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (threads != null) {
            pb.environment().put("OMP_NUM_THREADS", threads);
        }
        if (wait != null) {
            pb.environment().put("OMP_WAIT_POLICY", wait);
        }
        pb.redirectErrorStream(true);
        log.printf("[bench] child JVM: nd4j-native %s, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s%n",
                nativeVariant == null ? "(inherited)" : nativeVariant, threads == null ? "(inherited)" : threads,
                wait == null ? "(inherited)" : wait);
        List<BenchResult> results = new ArrayList<>();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(RESULT_PREFIX)) {
                        results.add(BenchResults.fromTsv(line.substring(RESULT_PREFIX.length())));
                    } else if (line.startsWith("[bench]") || line.contains("Exception") || line.startsWith("\tat ")) {
                        log.println("  " + line);
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0 && results.isEmpty()) {
                log.println("[bench] child exited with " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return results;
    }

    // ------------------------------------------------------------------------------------------------- output

    private void write(List<BenchResult> results, String table, String machineBefore, String machineAfter) {
        try {
            Files.createDirectories(options.out);
            Files.writeString(options.out.resolve("results.csv"), BenchResults.csv(results));
            String md = "# DL4J model benchmark\n\n- Date: " + Instant.now() + "\n- Machine: " + machineBefore
                    + "\n- Load average after: " + machineAfter + "\n- Command: `model-benchmark " + options.commandLine()
                    + "`\n\n" + table;
            Files.writeString(options.out.resolve("results.md"), md);
            for (BenchConfig.Mode mode : BenchConfig.Mode.values()) {
                for (boolean cpu : new boolean[] {false, true}) {
                    Map<String, double[][]> series = BenchResults.throughputSeries(results, mode, cpu);
                    if (series.isEmpty() || options.batches.size() < 2) {
                        continue;
                    }
                    String what = mode == BenchConfig.Mode.TRAIN ? "training" : "inference";
                    Path png = options.out.resolve("throughput-" + (cpu ? "cpu-" : "")
                            + mode.name().toLowerCase(Locale.ROOT) + ".png");
                    Charts.lineChart("DL4J " + what + (cpu ? " images per CPU-second" : " throughput")
                            + " vs batch size", "Batch size", cpu ? "images per CPU-second" : "images/s", series,
                            png, true, true);
                    log.println("[bench] wrote " + png);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
