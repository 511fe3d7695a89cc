package io.ferstream.model.cli;

import io.ferstream.model.arch.Architectures;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.PreprocessingMode;
import io.ferstream.model.train.Augmentation;
import io.ferstream.model.train.ProgressBar;
import io.ferstream.model.train.TrainConfig;
import io.ferstream.model.train.Trainer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferstream train}: trains one architecture on FER2013 (Training rows; PublicTest for early stopping),
 * writing checkpoints, snapshots, curves and logs into a run directory. Running the same command again resumes
 * from the last checkpoint (the stored configuration wins; only --epochs and --patience may change).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a CNN on FER2013 (6 classes); resumes from the run directory's last checkpoint.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--arch", defaultValue = "ref4", description = "Architecture: ${COMPLETION-CANDIDATES}",
            completionCandidates = ArchNames.class)
    String arch;

    @Option(names = "--data", defaultValue = Paths.DEFAULT_DATA,
            description = "fer2013 CSV, plain or .gz (default: ${DEFAULT-VALUE}, relative to the repository root)")
    String data;

    @Option(names = "--out", description = "Run directory (default: .ferstream/runs/<arch>-s<seed>)")
    String out;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", description = "Maximum epochs (default 40)")
    Integer epochs;

    @Option(names = "--patience", description = "Early stopping: epochs without a better PublicTest accuracy (default 8, 0 = off)")
    Integer patience;

    @Option(names = "--lr", description = "Adam learning rate (default: the architecture's, 1e-3)")
    Double lr;

    @Option(names = "--schedule", defaultValue = "cosine", description = "constant, cosine or step (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--snapshot-every", defaultValue = "1000", description = "Snapshot every N iterations (default: ${DEFAULT-VALUE})")
    int snapshotEvery;

    @Option(names = "--checkpoint-every", defaultValue = "200", description = "Checkpoint every N iterations (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--limit-train", defaultValue = "0", description = "Use only the first N training rows (0 = all)")
    int limitTrain;

    @Option(names = "--limit-test", defaultValue = "0", description = "Use only the first N PublicTest rows (0 = all)")
    int limitTest;

    @Option(names = "--disgust", defaultValue = "drop", description = "drop or merge (into Angry) (default: ${DEFAULT-VALUE})")
    String disgust;

    @Option(names = "--preprocessing", defaultValue = "global",
            description = "scale, global or per-pixel standardisation fitted on training rows (default: ${DEFAULT-VALUE})")
    String preprocessing;

    @Option(names = "--shift", defaultValue = "4", description = "Augmentation: max shift in pixels (default: ${DEFAULT-VALUE})")
    double shift;

    @Option(names = "--rotate", defaultValue = "10", description = "Augmentation: max rotation in degrees (default: ${DEFAULT-VALUE})")
    double rotate;

    @Option(names = "--zoom", defaultValue = "0.1", description = "Augmentation: max relative zoom (default: ${DEFAULT-VALUE})")
    double zoom;

    @Option(names = "--no-flip", description = "Augmentation: no horizontal flips")
    boolean noFlip;

    @Option(names = "--no-augment", description = "No augmentation at all")
    boolean noAugment;

    @Option(names = "--no-eval-hflip", description = "Do not also measure hflip test-time augmentation")
    boolean noEvalHflip;

    @Option(names = "--engine", defaultValue = "samediff", description = "Training step: samediff (a SameDiff graph, "
            + "~8-10x faster on CPU, oneDNN where the CPU has AVX-512) or mln (MultiLayerNetwork.fit) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--init-from", paramLabel = "MODEL_ZIP", description = "Warm start: begin a new run from the "
            + "weights of a model zip of the same architecture (a snapshot or best.zip of another run); the optimiser, "
            + "the schedule (a new cosine cycle with --lr as its peak) and the iteration count start afresh")
    String initFrom;

    @Option(names = "--quiet", description = "No progress bar")
    boolean quiet;

    @Option(names = "--stop-at-iteration", description = "Checkpoint and stop once this many iterations are done "
            + "(resumable; e.g. to reproduce a release built from a run in progress)")
    Long stopAtIteration;

    static final class ArchNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Architectures.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Architectures.get(arch);
        Path dataPath = Paths.resolve(data);
        Path runDir = Paths.resolve(out != null ? out : Paths.DEFAULT_RUNS + "/" + arch + "-s" + seed);
        TrainConfig requested = new TrainConfig(arch, dataPath.toString(), parseDisgust(disgust),
                parsePreprocessing(preprocessing), seed, batch, epochs == null ? 40 : epochs,
                patience == null ? 8 : patience, lr == null ? Architectures.get(arch).defaultLearningRate() : lr,
                schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest,
                noAugment ? Augmentation.none() : new Augmentation(shift, rotate, zoom, !noFlip), !noEvalHflip,
                engine, initFrom == null ? null : Paths.resolve(initFrom).toString());
        TrainConfig config = requested;
        TrainConfig stored = Trainer.storedConfig(runDir);
        if (stored != null && Trainer.storedState(runDir) != null) {
            config = stored;
            if (epochs != null) {
                config = config.withMaxEpochs(epochs);
            }
            if (patience != null) {
                config = config.withPatience(patience);
            }
            System.err.println("resuming " + runDir + " with its stored configuration (only --epochs/--patience apply)");
        }
        Trainer.logEnvironment();
        System.err.println("configuration: " + config);
        long t0 = System.nanoTime();
        Fer2013Data[] split = Trainer.loadData(config);
        System.err.printf(Locale.ROOT, "read %s in %.1f s: %d training rows %s, %d PublicTest rows, training sha256 %s%n",
                dataPath, (System.nanoTime() - t0) / 1e9, split[0].size(),
                java.util.Arrays.toString(split[0].classCounts()), split[1].size(), split[0].sha256());
        Trainer trainer = new Trainer(config, runDir, quiet ? ProgressBar.silent() : ProgressBar.console());
        if (stopAtIteration != null) {
            trainer.stopAtIteration(stopAtIteration);
        }
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                trainer.awaitDone(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Trainer.Result result = trainer.run(split[0], split[1]);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        System.err.printf(Locale.ROOT, "%s: epoch %d, iteration %d, best PublicTest accuracy %.4f (epoch %d), run %s%n",
                result.interrupted() ? "interrupted" : result.state().stopReason, result.state().epoch,
                result.state().iteration, result.state().bestTestAccuracy, result.state().bestEpoch + 1, runDir);
        return 0;
    }

    static DisgustPolicy parseDisgust(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "drop" -> DisgustPolicy.DROP;
            case "merge", "merge_into_angry" -> DisgustPolicy.MERGE_INTO_ANGRY;
            default -> throw new IllegalArgumentException("--disgust must be drop or merge, was " + s);
        };
    }

    static PreprocessingMode parsePreprocessing(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "scale" -> PreprocessingMode.SCALE;
            case "global" -> PreprocessingMode.GLOBAL_STANDARDIZE;
            case "per-pixel", "perpixel" -> PreprocessingMode.PER_PIXEL_STANDARDIZE;
            default -> throw new IllegalArgumentException("--preprocessing must be scale, global or per-pixel, was " + s);
        };
    }
}
