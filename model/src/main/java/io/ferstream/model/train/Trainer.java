package io.ferstream.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferstream.model.arch.Architecture;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.model.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network on in-memory FER2013 data with augmentation, Adam and a learning-rate schedule, evaluating on
 * PublicTest after every epoch (early stopping with patience), saving snapshots (ensemble member candidates) every
 * {@link TrainConfig#snapshotEvery()} iterations and resumable checkpoints (weights + updater state + position +
 * history) every {@link TrainConfig#checkpointEvery()} iterations and at each epoch end.
 *
 * <p>Run directory layout: {@code config.json}, {@code preprocessing.json}, {@code checkpoint/state.json} +
 * {@code checkpoint/model-<iteration>.zip}, {@code snapshots/snapshot-<iteration>.zip}, {@code best.zip},
 * {@code history.csv}, {@code loss.png}, {@code accuracy.png}.
 *
 * <p>Determinism: the epoch's shuffle, each batch's augmentation and each iteration's dropout are seeded from
 * (seed, epoch, batch, iteration), so a run killed and resumed from a checkpoint continues exactly as it would
 * have. One {@code Trainer} runs once; it is not thread-safe except for {@link #requestStop()}.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SAMPLE_EVERY = 10;

    private final TrainConfig config;
    private final Path runDir;
    private final ProgressBar progress;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private long stopAtIteration = Long.MAX_VALUE;

    /** The outcome of {@link #run}. */
    public record Result(Path runDir, TrainingState state, boolean interrupted) {
    }

    public Trainer(TrainConfig config, Path runDir, ProgressBar progress) {
        this.config = config;
        this.runDir = runDir;
        this.progress = progress;
    }

    /** Asks the training loop to save a checkpoint and return after the current iteration (thread-safe). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run} has returned (for shutdown hooks). */
    public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** For tests: behave as if stopped (checkpoint and return) once this many iterations are done in total. */
    public Trainer stopAtIteration(long iteration) {
        this.stopAtIteration = iteration;
        return this;
    }

    /** The stored configuration of a run directory, if it has one. */
    public static TrainConfig storedConfig(Path runDir) throws IOException {
        Path f = runDir.resolve("config.json");
        return Files.exists(f) ? JSON.readValue(f.toFile(), TrainConfig.class) : null;
    }

    /** The stored state of a run directory, if it has a checkpoint. */
    public static TrainingState storedState(Path runDir) throws IOException {
        Path f = runDir.resolve("checkpoint").resolve("state.json");
        return Files.exists(f) ? JSON.readValue(f.toFile(), TrainingState.class) : null;
    }

    /** Reads the Training and PublicTest rows of the configured CSV, applying the policy and limits. */
    public static Fer2013Data[] loadData(TrainConfig config) throws IOException {
        Fer2013Data all = Fer2013Reader.builder()
                .usages(Usage.TRAINING, Usage.PUBLIC_TEST)
                .disgustPolicy(config.disgustPolicy())
                .limit(Usage.TRAINING, config.limitTrain())
                .limit(Usage.PUBLIC_TEST, config.limitTest())
                .build()
                .read(Path.of(config.dataPath()));
        return new Fer2013Data[] {all.subset(Usage.TRAINING), all.subset(Usage.PUBLIC_TEST)};
    }

    /** Logs the ND4J backend, its build (BLAS, oneDNN/cuDNN), thread counts and workspace settings. */
    public static void logEnvironment() {
        Map<String, String> env = System.getenv();
        LOG.info("ND4J backend {} ({}), data type {}", Nd4j.getBackend().getClass().getSimpleName(),
                Nd4j.getExecutioner().getClass().getSimpleName(), Nd4j.dataType());
        LOG.info("environment {}", Nd4j.getExecutioner().getEnvironmentInformation());
        try {
            String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            LOG.info("libnd4j build: {}", build.replace('\n', ' ').trim());
        } catch (Throwable t) {
            LOG.info("libnd4j build info unavailable: {}", t.toString());
        }
        LOG.info("OMP_NUM_THREADS={} (available processors {}), training/inference workspaces ENABLED",
                env.getOrDefault("OMP_NUM_THREADS", "<unset>"), Runtime.getRuntime().availableProcessors());
    }

    /** Trains (or resumes) on the given data. */
    public Result run(Fer2013Data train, Fer2013Data test) throws IOException {
        try {
            return doRun(train, test);
        } finally {
            done.countDown();
        }
    }

    private Result doRun(Fer2013Data train, Fer2013Data test) throws IOException {
        Architecture arch = Architectures.get(config.architecture());
        int batch = config.batchSize();
        int batches = train.size() / batch;
        if (batches < 1) {
            throw new IllegalArgumentException("need at least one batch: " + train.size() + " rows < batch " + batch);
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("no PublicTest rows to evaluate on");
        }
        Path checkpointDir = runDir.resolve("checkpoint");
        Path snapshotDir = runDir.resolve("snapshots");
        Files.createDirectories(checkpointDir);
        Files.createDirectories(snapshotDir);

        TrainingState state = storedState(runDir);
        Preprocessing pre;
        MultiLayerNetwork net;
        ISchedule schedule = schedule(config, batches);
        if (state != null) {
            TrainConfig stored = storedConfig(runDir);
            if (stored != null && !sameRun(stored, config)) {
                throw new IllegalStateException("run directory " + runDir + " holds a different configuration: "
                        + stored + " (only maxEpochs and patience may change on resume)");
            }
            if (!train.sha256().equals(state.trainDataSha256)) {
                throw new IllegalStateException("run directory " + runDir + " was trained on different data (sha256 "
                        + state.trainDataSha256 + ", now " + train.sha256() + ")");
            }
            pre = Preprocessing.fromJson(Files.readAllBytes(runDir.resolve("preprocessing.json")));
            net = ModelSerializer.restoreMultiLayerNetwork(checkpointDir.resolve(state.checkpointModel).toFile(), true);
            net.setIterationCount((int) state.iteration);
            net.setEpochCount(state.epoch);
            LOG.info("resuming {} at epoch {}, batch {}/{}, iteration {} (best PublicTest accuracy {})", runDir,
                    state.epoch + 1, state.batchInEpoch, batches, state.iteration, fmt(state.bestTestAccuracy));
            if (state.finished && state.epoch < config.maxEpochs() && !"early-stopping".equals(state.stopReason)) {
                state.finished = false;
                state.stopReason = null;
            }
        } else {
            state = new TrainingState();
            state.runId = runDir.getFileName().toString();
            state.architecture = arch.name();
            state.trainDataSha256 = train.sha256();
            state.trainRows = train.size();
            state.testDataSha256 = test.sha256();
            state.testRows = test.size();
            pre = Preprocessing.fit(config.preprocessing(), train);
            writeAtomic(runDir.resolve("preprocessing.json"), pre.toJson());
            IUpdater updater = schedule == null ? new Adam(config.learningRate()) : new Adam(schedule);
            net = new MultiLayerNetwork(arch.configuration(config.seed(), updater));
            net.init();
            if (config.initFrom() != null) {
                warmStart(net, Path.of(config.initFrom()), pre);
            }
            LOG.info("new run {}: {} ({} parameters, ~{} MMAC/image forward), {} training rows, {} PublicTest rows, "
                            + "{} batches of {} per epoch, preprocessing {}", runDir, arch.name(), net.numParams(),
                    arch.forwardMacs() / 1_000_000, train.size(), test.size(), batches, batch, pre);
        }
        writeAtomic(runDir.resolve("config.json"), JSON.writeValueAsBytes(config));
        if (state.finished) {
            LOG.info("run {} already finished ({})", runDir, state.stopReason);
            return new Result(runDir, state, false);
        }
        TrainingStep step = config.engine().equals("samediff")
                ? TrainingStep.sameDiff(net, state, checkpointDir, calibration(pre, train))
                : TrainingStep.network(net);
        LOG.info("training engine {}", config.engine());

        INDArray testInput = Predictor.input(pre, test, false);
        INDArray testFlipped = config.evalHflip() ? Predictor.input(pre, test, true) : null;
        byte[] testLabels = test.labels();
        Augmentation aug = config.augmentation();
        float[] raw = new float[batch * Fer2013Data.PIXELS];
        float[] features = new float[batch * Fer2013Data.PIXELS];
        float[] labels = new float[batch * EmotionClasses.COUNT];
        long totalIterations = (long) config.maxEpochs() * batches;
        double emaLoss = Double.NaN;
        double emaAcc = Double.NaN;
        double emaRate = Double.NaN;

        while (state.epoch < config.maxEpochs()) {
            int epoch = state.epoch;
            int[] order = permutation(train.size(), mix(config.seed(), 0x5EEDL, epoch));
            net.setEpochCount(epoch);
            for (int b = state.batchInEpoch; b < batches; b++) {
                long t0 = System.nanoTime();
                SplittableRandom rnd = new SplittableRandom(mix(config.seed(), epoch, b));
                java.util.Arrays.fill(labels, 0f);
                for (int i = 0; i < batch; i++) {
                    int idx = order[b * batch + i];
                    aug.apply(train.pixels(), idx * Fer2013Data.PIXELS, raw, i * Fer2013Data.PIXELS, rnd);
                    pre.apply(raw, i * Fer2013Data.PIXELS, features, i * Fer2013Data.PIXELS);
                    labels[i * EmotionClasses.COUNT + train.labels()[idx]] = 1f;
                }
                INDArray x = Nd4j.create(features, new long[] {batch, 1, Fer2013Data.SIDE, Fer2013Data.SIDE},
                        DataType.FLOAT);
                INDArray y = Nd4j.create(labels, new long[] {batch, EmotionClasses.COUNT}, DataType.FLOAT);
                double sampledLoss = Double.NaN;
                if (b % SAMPLE_EVERY == 0) {
                    INDArray out = step.output(x);
                    INDArray predicted = out.argMax(1);
                    INDArray actual = y.argMax(1);
                    long correct = predicted.eq(actual).castTo(DataType.INT).sumNumber().longValue();
                    state.epochCorrect += correct;
                    state.epochSampled += batch;
                    double acc = (double) correct / batch;
                    emaAcc = Double.isNaN(emaAcc) ? acc : 0.9 * emaAcc + 0.1 * acc;
                    sampledLoss = crossEntropy(out, y);
                }
                double loss = step.fit(x, y, mix(config.seed(), 0xD0L, state.iteration));
                if (Double.isNaN(loss)) {
                    // the SameDiff engine reports no loss from its step: use the loss measured just before it on the
                    // sampled batches (every SAMPLE_EVERY-th), and none in between
                    loss = sampledLoss;
                }
                state.iteration++;
                state.batchInEpoch = b + 1;
                if (!Double.isNaN(loss)) {
                    state.epochLossSum += loss;
                    state.epochLossCount++;
                    emaLoss = Double.isNaN(emaLoss) ? loss : 0.95 * emaLoss + 0.05 * loss;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                state.epochSeconds += seconds;
                state.trainingSeconds += seconds;
                state.epochImages += batch;
                double rate = batch / seconds;
                emaRate = Double.isNaN(emaRate) ? rate : 0.95 * emaRate + 0.05 * rate;
                long remaining = totalIterations - state.iteration;
                progress.update(epoch, config.maxEpochs(), b + 1, batches, state.iteration, emaLoss, emaAcc, emaRate,
                        remaining * batch / emaRate);
                if (Double.isInfinite(loss) || (b % SAMPLE_EVERY == 0 && Double.isNaN(loss))) {
                    throw new IllegalStateException("loss became " + loss + " at iteration " + state.iteration
                            + "; lower the learning rate");
                }
                if (config.snapshotEvery() > 0 && state.iteration % config.snapshotEvery() == 0) {
                    snapshot(step, state, snapshotDir, testInput, testFlipped, testLabels);
                }
                boolean stop = stopRequested || state.iteration >= stopAtIteration;
                if (stop || state.iteration % config.checkpointEvery() == 0) {
                    checkpoint(step, state, checkpointDir);
                }
                if (stop) {
                    progress.message("stopped at iteration " + state.iteration + "; checkpoint saved in "
                            + checkpointDir + " (run the same command to resume)");
                    return new Result(runDir, state, true);
                }
            }
            endOfEpoch(step, state, schedule, testInput, testFlipped, testLabels);
            checkpoint(step, state, checkpointDir);
            if (state.finished) {
                break;
            }
        }
        if (!state.finished) {
            state.finished = true;
            state.stopReason = "max-epochs";
            checkpoint(step, state, checkpointDir);
        }
        progress.message(String.format(Locale.ROOT, "finished (%s): best PublicTest accuracy %s at epoch %d; %d snapshots",
                state.stopReason, fmt(state.bestTestAccuracy), state.bestEpoch + 1, state.snapshots.size()));
        return new Result(runDir, state, false);
    }

    private void endOfEpoch(TrainingStep step, TrainingState state, ISchedule schedule, INDArray testInput,
                            INDArray testFlipped, byte[] testLabels) throws IOException {
        long t0 = System.nanoTime();
        MultiLayerNetwork net = step.network();
        java.util.function.UnaryOperator<INDArray> forward = step.inference();
        float[][] probs = Predictor.probabilities(forward, testInput, Predictor.BATCH);
        TrainingState.EpochRecord r = new TrainingState.EpochRecord();
        r.epoch = state.epoch;
        r.iteration = state.iteration;
        r.learningRate = schedule == null ? config.learningRate() : schedule.valueAt((int) state.iteration, state.epoch);
        r.trainLoss = state.epochLossCount == 0 ? Double.NaN : state.epochLossSum / state.epochLossCount;
        r.trainAccuracy = state.epochSampled == 0 ? Double.NaN : (double) state.epochCorrect / state.epochSampled;
        r.testLoss = Predictor.crossEntropy(probs, testLabels);
        r.testAccuracy = Predictor.accuracy(probs, testLabels);
        if (testFlipped != null) {
            float[][] flipped = Predictor.probabilities(forward, testFlipped, Predictor.BATCH);
            r.testAccuracyHflip = Predictor.accuracy(Predictor.average(java.util.List.of(probs, flipped)), testLabels);
        }
        r.seconds = state.epochSeconds;
        r.imagesPerSecond = state.epochSeconds > 0 ? state.epochImages / state.epochSeconds : Double.NaN;
        state.history.add(r);
        if (r.testAccuracy > state.bestTestAccuracy) {
            state.bestTestAccuracy = r.testAccuracy;
            state.bestEpoch = state.epoch;
            state.epochsWithoutImprovement = 0;
            Path tmp = runDir.resolve("best.zip.tmp");
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            Files.move(tmp, runDir.resolve("best.zip"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            state.epochsWithoutImprovement++;
        }
        progress.message(String.format(Locale.ROOT,
                "epoch %d/%d: train loss %.4f acc %.4f | PublicTest loss %.4f acc %.4f%s | best %.4f (epoch %d) | "
                        + "lr %.2e | %.0f img/s, %.0f s (+%.1f s eval)",
                state.epoch + 1, config.maxEpochs(), r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy,
                Double.isNaN(r.testAccuracyHflip) ? "" : String.format(Locale.ROOT, " (hflip TTA %.4f)", r.testAccuracyHflip),
                state.bestTestAccuracy, state.bestEpoch + 1, r.learningRate, r.imagesPerSecond, r.seconds,
                (System.nanoTime() - t0) / 1e9));
        LOG.info("epoch {} done: PublicTest accuracy {}", state.epoch + 1, fmt(r.testAccuracy));
        try {
            CurvePlot.write(runDir, state.architecture + " " + state.runId, state.history);
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("could not write curves: {}", e.toString());
        }
        state.epoch++;
        state.batchInEpoch = 0;
        state.epochLossSum = 0;
        state.epochLossCount = 0;
        state.epochCorrect = 0;
        state.epochSampled = 0;
        state.epochSeconds = 0;
        state.epochImages = 0;
        if (config.patience() > 0 && state.epochsWithoutImprovement >= config.patience()) {
            state.finished = true;
            state.stopReason = "early-stopping";
            progress.message("early stopping: no better PublicTest accuracy for " + config.patience() + " epochs");
        }
    }

    private void snapshot(TrainingStep step, TrainingState state, Path dir, INDArray testInput,
                          INDArray testFlipped, byte[] testLabels) throws IOException {
        MultiLayerNetwork net = step.network();
        java.util.function.UnaryOperator<INDArray> forward = step.inference();
        String name = String.format(Locale.ROOT, "snapshot-%07d.zip", state.iteration);
        Path tmp = dir.resolve(name + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), false);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        float[][] probs = Predictor.probabilities(forward, testInput, Predictor.BATCH);
        TrainingState.Snapshot s = new TrainingState.Snapshot();
        s.iteration = state.iteration;
        s.epoch = state.epoch;
        s.file = name;
        s.testAccuracy = Predictor.accuracy(probs, testLabels);
        if (testFlipped != null) {
            float[][] flipped = Predictor.probabilities(forward, testFlipped, Predictor.BATCH);
            s.testAccuracyHflip = Predictor.accuracy(Predictor.average(java.util.List.of(probs, flipped)), testLabels);
        }
        state.snapshots.removeIf(o -> o.iteration == s.iteration);
        state.snapshots.add(s);
        progress.message(String.format(Locale.ROOT, "snapshot %s: PublicTest accuracy %.4f%s", name, s.testAccuracy,
                Double.isNaN(s.testAccuracyHflip) ? "" : String.format(Locale.ROOT, " (hflip TTA %.4f)", s.testAccuracyHflip)));
    }

    private void checkpoint(TrainingStep step, TrainingState state, Path dir) throws IOException {
        MultiLayerNetwork net = step.network();
        String graphName = String.format(Locale.ROOT, "graph-%07d.fb", state.iteration);
        String oldGraph = state.checkpointGraph;
        if (step.saveState(dir.resolve(graphName + ".tmp"))) {
            Files.move(dir.resolve(graphName + ".tmp"), dir.resolve(graphName), StandardCopyOption.REPLACE_EXISTING);
            state.checkpointGraph = graphName;
        }
        String name = String.format(Locale.ROOT, "model-%07d.zip", state.iteration);
        Path tmp = dir.resolve(name + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), true);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        String old = state.checkpointModel;
        state.checkpointModel = name;
        writeAtomic(dir.resolve("state.json"), JSON.writeValueAsBytes(state));
        if (old != null && !old.equals(name)) {
            Files.deleteIfExists(dir.resolve(old));
        }
        if (oldGraph != null && !oldGraph.equals(state.checkpointGraph)) {
            Files.deleteIfExists(dir.resolve(oldGraph));
        }
    }

    /** Up to 4,096 training images, unaugmented, in batches: batch-norm statistics for the SameDiff engine. */
    private java.util.List<INDArray> calibration(Preprocessing pre, Fer2013Data train) {
        int n = Math.min(train.size(), 4096);
        int[] order = permutation(train.size(), mix(config.seed(), 0xCA1BL, 0));
        byte[] pixels = new byte[n * Fer2013Data.PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train.pixels(), order[i] * Fer2013Data.PIXELS, pixels, i * Fer2013Data.PIXELS,
                    Fer2013Data.PIXELS);
        }
        java.util.List<INDArray> batches = new java.util.ArrayList<>();
        for (int from = 0; from < n; from += 256) {
            int count = Math.min(256, n - from);
            batches.add(pre.toInput(pixels, from, count, false));
        }
        return batches;
    }

    /** Mean cross-entropy of softmax outputs against one-hot labels. */
    static double crossEntropy(INDArray probabilities, INDArray oneHot) {
        return TrainingMath.crossEntropy(probabilities, oneHot);
    }

    /**
     * Replaces a new network's random weights by those of {@code modelZip} (a model of the same architecture). When
     * the zip lies in another run's directory (its {@code snapshots/}, {@code checkpoint/} or the run directory itself),
     * that run's preprocessing must be the one fitted here: the weights were learnt on inputs scaled that way.
     */
    static void warmStart(MultiLayerNetwork net, Path modelZip, Preprocessing pre) throws IOException {
        if (!Files.isRegularFile(modelZip)) {
            throw new IllegalArgumentException("--init-from: no model file " + modelZip);
        }
        MultiLayerNetwork source = ModelSerializer.restoreMultiLayerNetwork(modelZip.toFile(), false);
        java.util.Map<String, INDArray> want = net.paramTable();
        java.util.Map<String, INDArray> have = source.paramTable();
        if (!want.keySet().equals(have.keySet())) {
            throw new IllegalArgumentException("--init-from: " + modelZip + " has parameters " + have.keySet()
                    + ", this architecture " + want.keySet());
        }
        for (java.util.Map.Entry<String, INDArray> e : want.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue().shape(), have.get(e.getKey()).shape())) {
                throw new IllegalArgumentException("--init-from: parameter " + e.getKey() + " of " + modelZip
                        + " has shape " + java.util.Arrays.toString(have.get(e.getKey()).shape()) + ", this architecture "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
        }
        Path parent = modelZip.toAbsolutePath().getParent();
        for (Path candidate : new Path[] {parent, parent == null ? null : parent.getParent()}) {
            Path stored = candidate == null ? null : candidate.resolve("preprocessing.json");
            if (stored != null && Files.isRegularFile(stored)) {
                Preprocessing theirs = Preprocessing.fromJson(Files.readAllBytes(stored));
                if (!java.util.Arrays.equals(theirs.toJson(), pre.toJson())) {
                    throw new IllegalArgumentException("--init-from: " + modelZip + " was trained with preprocessing "
                            + theirs + ", this run fits " + pre + " (other data or mode)");
                }
                break;
            }
        }
        net.setParams(source.params().dup());
        LOG.info("warm start: weights from {} ({} parameters); optimiser state and schedule start afresh", modelZip,
                net.numParams());
    }

    static boolean sameRun(TrainConfig a, TrainConfig b) {
        return a.withMaxEpochs(b.maxEpochs()).withPatience(b.patience()).equals(b);
    }

    /** The learning-rate schedule by iteration, or null for a constant rate. */
    static ISchedule schedule(TrainConfig c, int batchesPerEpoch) {
        long total = (long) c.maxEpochs() * batchesPerEpoch;
        double lr = c.learningRate();
        Map<Integer, Double> points = new HashMap<>();
        switch (c.schedule()) {
            case "constant":
                return null;
            case "step":
                points.put(0, lr);
                points.put((int) Math.max(1, total / 2), lr * 0.1);
                points.put((int) Math.max(2, total * 3 / 4), lr * 0.01);
                return new MapSchedule(ScheduleType.ITERATION, points);
            case "cosine":
            default:
                long warmup = Math.min(batchesPerEpoch, Math.max(1, total / 10));
                long step = Math.max(1, total / 500);
                for (long it = 0; it <= total; it += step) {
                    double v;
                    if (it < warmup) {
                        v = lr * (0.1 + 0.9 * it / (double) warmup);
                    } else {
                        double t = (it - warmup) / (double) Math.max(1, total - warmup);
                        v = lr * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
                    }
                    points.put((int) it, v);
                }
                return new MapSchedule(ScheduleType.ITERATION, points);
        }
    }

    static int[] permutation(int n, long seed) {
        return TrainingMath.permutation(n, seed);
    }

    static long mix(long seed, long a, long b) {
        return TrainingMath.mix(seed, a, b);
    }

    static void writeAtomic(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
