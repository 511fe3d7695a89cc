package io.ferstream.model.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.preprocess.PreprocessingMode;
import java.util.Objects;

/**
 * Everything that defines a training run; stored as {@code config.json} in the run directory so that a resumed
 * run continues with exactly the same settings.
 *
 * @param architecture     registry name ({@link io.ferstream.model.arch.Architectures})
 * @param dataPath         the fer2013 CSV (plain or .gz); recorded for information
 * @param disgustPolicy    drop or merge Disgust
 * @param preprocessing    preprocessing mode, fitted on the training rows
 * @param seed             the one seed of the run (weights, shuffling, augmentation, dropout)
 * @param batchSize        images per iteration
 * @param maxEpochs        stop after this many epochs
 * @param patience         early stopping: stop after this many epochs without a new best PublicTest accuracy (0 = off)
 * @param learningRate     Adam's peak learning rate
 * @param schedule         {@code constant}, {@code cosine} (decay to 1% over maxEpochs, after a 1-epoch linear warm-up),
 *                         or {@code step} (x0.1 at 50% and 75% of maxEpochs)
 * @param snapshotEvery    save a snapshot (an ensemble member candidate) every this many iterations (0 = off)
 * @param checkpointEvery  save a resumable checkpoint every this many iterations (and at every epoch end)
 * @param limitTrain       use only the first N training rows (0 = all)
 * @param limitTest        use only the first N PublicTest rows (0 = all)
 * @param augmentation     training-time augmentation
 * @param evalHflip        also measure horizontal-flip test-time augmentation at each evaluation
 * @param engine           {@code samediff} (the training step runs as a SameDiff graph, {@link SameDiffTrainingGraph}:
 *                         ~8-10x faster on CPU) or {@code mln} (DL4J's {@code MultiLayerNetwork.fit}); runs stored
 *                         before this option existed are {@code mln}
 * @param initFrom         warm start: a model zip (a snapshot, {@code best.zip} or a checkpoint model of another run of
 *                         the same architecture) whose weights replace the random initialisation of a new run; the
 *                         optimiser state, the schedule and the iteration count start afresh (a new cosine cycle from
 *                         the trained weights, as in snapshot ensembles with warm restarts); null = random init
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("dataPath") String dataPath,
        @JsonProperty("disgustPolicy") DisgustPolicy disgustPolicy,
        @JsonProperty("preprocessing") PreprocessingMode preprocessing,
        @JsonProperty("seed") long seed,
        @JsonProperty("batchSize") int batchSize,
        @JsonProperty("maxEpochs") int maxEpochs,
        @JsonProperty("patience") int patience,
        @JsonProperty("learningRate") double learningRate,
        @JsonProperty("schedule") String schedule,
        @JsonProperty("snapshotEvery") int snapshotEvery,
        @JsonProperty("checkpointEvery") int checkpointEvery,
        @JsonProperty("limitTrain") int limitTrain,
        @JsonProperty("limitTest") int limitTest,
        @JsonProperty("augmentation") Augmentation augmentation,
        @JsonProperty("evalHflip") boolean evalHflip,
        @JsonProperty("engine") String engine,
        @JsonProperty("initFrom") String initFrom) {

    /** The training engines. */
    public static final java.util.List<String> ENGINES = java.util.List.of("samediff", "mln");

    /** A configuration on the {@code mln} engine (the form before the engine was configurable). */
    public TrainConfig(String architecture, String dataPath, DisgustPolicy disgustPolicy, PreprocessingMode preprocessing,
                       long seed, int batchSize, int maxEpochs, int patience, double learningRate, String schedule,
                       int snapshotEvery, int checkpointEvery, int limitTrain, int limitTest, Augmentation augmentation,
                       boolean evalHflip) {
        this(architecture, dataPath, disgustPolicy, preprocessing, seed, batchSize, maxEpochs, patience, learningRate,
                schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest, augmentation, evalHflip, "mln");
    }

    /** A configuration with random initialisation (no warm start). */
    public TrainConfig(String architecture, String dataPath, DisgustPolicy disgustPolicy, PreprocessingMode preprocessing,
                       long seed, int batchSize, int maxEpochs, int patience, double learningRate, String schedule,
                       int snapshotEvery, int checkpointEvery, int limitTrain, int limitTest, Augmentation augmentation,
                       boolean evalHflip, String engine) {
        this(architecture, dataPath, disgustPolicy, preprocessing, seed, batchSize, maxEpochs, patience, learningRate,
                schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest, augmentation, evalHflip, engine, null);
    }

    public TrainConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(disgustPolicy, "disgustPolicy");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(augmentation, "augmentation");
        schedule = schedule == null ? "cosine" : schedule;
        engine = engine == null ? "mln" : engine;
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be one of " + ENGINES + ", was " + engine);
        }
        if (!schedule.equals("constant") && !schedule.equals("cosine") && !schedule.equals("step")) {
            throw new IllegalArgumentException("schedule must be constant, cosine or step, was " + schedule);
        }
        if (batchSize < 1 || maxEpochs < 1 || patience < 0 || learningRate <= 0 || snapshotEvery < 0
                || checkpointEvery < 1 || limitTrain < 0 || limitTest < 0) {
            throw new IllegalArgumentException("invalid training configuration " + this);
        }
    }

    /** Defaults for an architecture (the values the {@code train} command uses when no option is given). */
    public static TrainConfig defaults(String architecture, String dataPath) {
        return new TrainConfig(architecture, dataPath, DisgustPolicy.DROP, PreprocessingMode.GLOBAL_STANDARDIZE,
                42L, 128, 40, 8, 1e-3, "cosine", 1000, 200, 0, 0, Augmentation.standard(), true, "samediff");
    }

    public TrainConfig withMaxEpochs(int epochs) {
        return new TrainConfig(architecture, dataPath, disgustPolicy, preprocessing, seed, batchSize, epochs, patience,
                learningRate, schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest, augmentation, evalHflip, engine,
                initFrom);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(architecture, dataPath, disgustPolicy, preprocessing, seed, batchSize, maxEpochs, p,
                learningRate, schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest, augmentation, evalHflip, engine,
                initFrom);
    }

    /** The same run, warm-started from the weights in {@code modelZip} (null: random initialisation). */
    public TrainConfig withInitFrom(String modelZip) {
        return new TrainConfig(architecture, dataPath, disgustPolicy, preprocessing, seed, batchSize, maxEpochs, patience,
                learningRate, schedule, snapshotEvery, checkpointEvery, limitTrain, limitTest, augmentation, evalHflip, engine,
                modelZip);
    }
}
