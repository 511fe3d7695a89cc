package io.ferstream.model.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The resumable state of a run ({@code checkpoint/state.json}): position (epoch, batch within the epoch,
 * iteration), early-stopping bookkeeping, the per-epoch history and the saved snapshots. Together with the
 * checkpointed network (weights + updater state) and the run's seed it determines the rest of the run: shuffling,
 * augmentation and dropout randomness are derived from (seed, epoch, batch, iteration), not from a running RNG.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class TrainingState {

    /** One evaluation at the end of an epoch. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class EpochRecord {
        public int epoch;
        public long iteration;
        public double learningRate;
        public double trainLoss;
        public double trainAccuracy;
        public double testLoss;
        public double testAccuracy;
        /** PublicTest accuracy with horizontal-flip test-time augmentation (NaN if not measured). */
        public double testAccuracyHflip = Double.NaN;
        public double seconds;
        public double imagesPerSecond;
    }

    /** One saved snapshot (an ensemble member candidate). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Snapshot {
        public long iteration;
        public int epoch;
        /** File name under {@code snapshots/}. */
        public String file;
        public double testAccuracy;
        public double testAccuracyHflip = Double.NaN;
    }

    public String runId;
    public String architecture;
    /** SHA-256 of the training rows used. */
    public String trainDataSha256;
    public int trainRows;
    public String testDataSha256;
    public int testRows;
    /** Next epoch to run / running (0-based). */
    public int epoch;
    /** Next batch index within {@link #epoch}. */
    public int batchInEpoch;
    /** Iterations (parameter updates) done. */
    public long iteration;
    public double bestTestAccuracy = -1;
    public int bestEpoch = -1;
    public int epochsWithoutImprovement;
    public boolean finished;
    /** Why the run ended: {@code max-epochs}, {@code early-stopping}; null while running. */
    public String stopReason;
    /** Training seconds accumulated over all sessions. */
    public double trainingSeconds;
    /** Sums over the current epoch's sampled batches (kept so a resumed epoch reports correct means). */
    public double epochLossSum;
    public long epochLossCount;
    public long epochCorrect;
    public long epochSampled;
    public double epochSeconds;
    public long epochImages;
    public List<EpochRecord> history = new ArrayList<>();
    public List<Snapshot> snapshots = new ArrayList<>();
    /** The checkpoint model file under {@code checkpoint/}. */
    public String checkpointModel;
    /** The SameDiff training graph with its optimiser state under {@code checkpoint/} (engine samediff only). */
    public String checkpointGraph;
}
