package io.ferstream.model.release;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.train.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A release's ensemble, loaded once: the members' softmax outputs are averaged (the reference study's rule); with
 * {@link TestTimeAugmentation#HFLIP} each member's output is first averaged over the crop and its mirror.
 *
 * <p>Thread-safety: DL4J networks are not safe for concurrent inference, so every prediction method is
 * {@code synchronized} (one prediction at a time per instance). For parallel inference load one {@code Ensemble}
 * per thread. Inputs: 48x48 grayscale crops as 2304 unsigned bytes (row-major), or an already preprocessed
 * FLOAT batch [N,1,48,48] (see {@link #toInput(byte[][])}). Outputs: probabilities over
 * {@link EmotionClasses#NAMES} in that order.
 */
public final class Ensemble {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ensemble.class);

    private final ReleaseBundle bundle;
    private final List<MultiLayerNetwork> members;
    private final Preprocessing preprocessing;
    private final boolean hflip;
    private final int batchSize;
    /** Each member's forward pass: the network itself, or its SameDiff graph ({@link #onSameDiff()}). */
    private final List<java.util.function.UnaryOperator<INDArray>> forwards;
    private final String engine;

    private Ensemble(ReleaseBundle bundle, int batchSize) {
        this.bundle = bundle;
        this.members = bundle.members();
        this.preprocessing = bundle.preprocessing();
        this.hflip = bundle.manifest().testTimeAugmentation == TestTimeAugmentation.HFLIP;
        this.batchSize = batchSize;
        List<java.util.function.UnaryOperator<INDArray>> f = new ArrayList<>();
        for (MultiLayerNetwork net : members) {
            f.add(x -> net.output(x, false));
        }
        this.forwards = List.copyOf(f);
        this.engine = "dl4j";
    }

    private Ensemble(Ensemble base, List<java.util.function.UnaryOperator<INDArray>> forwards, String engine) {
        this.bundle = base.bundle;
        this.members = base.members;
        this.preprocessing = base.preprocessing;
        this.hflip = base.hflip;
        this.batchSize = base.batchSize;
        this.forwards = List.copyOf(forwards);
        this.engine = engine;
    }

    /**
     * The same ensemble with each member run as a SameDiff graph in NHWC ({@code SameDiffNets}): libnd4j's own
     * conv/pool ops, oneDNN on the {@code onednn-avx512} and {@code onednn-avx2} binaries, ~5-10x DL4J's
     * {@code MultiLayerNetwork.output} on CPU. Each graph is checked against its network on a probe batch at
     * conversion; if any member differs by more than {@code 1e-3} in a probability, or cannot be converted, this
     * ensemble is returned unchanged.
     */
    public Ensemble onSameDiff() {
        List<java.util.function.UnaryOperator<INDArray>> f = new ArrayList<>();
        INDArray probe = probeBatch();
        try {
            for (MultiLayerNetwork net : members) {
                org.nd4j.autodiff.samediff.SameDiff sd = io.ferstream.model.bench.SameDiffNets.fromNetwork(net,
                        org.deeplearning4j.nn.conf.inputs.InputType.convolutional(48, 48, 1),
                        org.deeplearning4j.nn.conf.CNN2DFormat.NHWC, 1e-3);
                java.util.function.UnaryOperator<INDArray> forward =
                        x -> io.ferstream.model.bench.SameDiffNets.output(sd, x.dup('c').reshape('c', x.size(0), 48, 48, 1));
                double diff = forward.apply(probe).sub(net.output(probe, false)).amaxNumber().doubleValue();
                if (!(diff < 1e-3)) {
                    LOG.warn("SameDiff form of a member of {} differs from the network by {}; using DL4J", releaseId(), diff);
                    return this;
                }
                f.add(forward);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot run {} on SameDiff ({}); using DL4J", releaseId(), e.toString());
            return this;
        }
        return new Ensemble(this, f, "samediff");
    }

    /** {@code dl4j} or {@code samediff}: how the members run. */
    public String engine() {
        return engine;
    }

    private static INDArray probeBatch() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20261129L);
        float[] v = new float[8 * 48 * 48];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 4 - 2); // the range of standardised pixels
        }
        return Nd4j.create(v, new long[] {8, 1, 48, 48}, DataType.FLOAT);
    }

    /** Loads and verifies a bundle ({@link ReleaseBundle#load(Path)}); throws {@link InvalidReleaseException}. */
    public static Ensemble load(Path bundlePath) throws IOException {
        return new Ensemble(ReleaseBundle.load(bundlePath), Predictor.BATCH);
    }

    /** An ensemble over an already loaded bundle. */
    public static Ensemble of(ReleaseBundle bundle) {
        return new Ensemble(bundle, Predictor.BATCH);
    }

    public ReleaseBundle bundle() {
        return bundle;
    }

    public ReleaseManifest manifest() {
        return bundle.manifest();
    }

    /** SHA-256 of the bundle zip (the release identity on Kafka). */
    public String sha256() {
        return bundle.sha256();
    }

    public String releaseId() {
        return bundle.releaseId();
    }

    public List<String> classes() {
        return EmotionClasses.NAMES;
    }

    public int memberCount() {
        return members.size();
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public TestTimeAugmentation testTimeAugmentation() {
        return bundle.manifest().testTimeAugmentation;
    }

    /** Preprocesses crops (2304 bytes each) into [N,1,48,48]. */
    public INDArray toInput(byte[][] crops) {
        return preprocessing.toInput(crops);
    }

    /** Ensemble probabilities [N][6] for 48x48 crops. */
    public synchronized float[][] predictProbabilities(byte[][] crops) {
        if (crops.length == 0) {
            return new float[0][];
        }
        return toRows(predict(preprocessing.toInput(crops)));
    }

    /** Ensemble probabilities [N,6] for a preprocessed batch [N,1,48,48]. */
    public synchronized INDArray predict(INDArray batch) {
        checkInput(batch);
        INDArray flipped = hflip ? flipWidth(batch) : null;
        INDArray sum = null;
        for (int m = 0; m < members.size(); m++) {
            INDArray p = memberOutput(m, batch, flipped);
            sum = sum == null ? p : sum.addi(p);
        }
        return sum.divi(members.size());
    }

    /** Member {@code m}'s probabilities [N,6] for a preprocessed batch (with the bundle's TTA). */
    public synchronized INDArray predictMember(int m, INDArray batch) {
        checkInput(batch);
        return memberOutput(m, batch, hflip ? flipWidth(batch) : null);
    }

    /** Every member's probabilities for crops: [member][N][6] (with the bundle's TTA), for "each member alone vs the ensemble". */
    public synchronized float[][][] memberProbabilities(byte[][] crops) {
        INDArray batch = preprocessing.toInput(crops);
        INDArray flipped = hflip ? flipWidth(batch) : null;
        float[][][] out = new float[members.size()][][];
        for (int m = 0; m < members.size(); m++) {
            out[m] = crops.length == 0 ? new float[0][] : toRows(memberOutput(m, batch, flipped));
        }
        return out;
    }

    /** Every member's probabilities for a preprocessed batch, as a list of [N,6] arrays (with the bundle's TTA). */
    public synchronized List<INDArray> predictMembers(INDArray batch) {
        checkInput(batch);
        INDArray flipped = hflip ? flipWidth(batch) : null;
        List<INDArray> out = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            out.add(memberOutput(m, batch, flipped));
        }
        return out;
    }

    private INDArray memberOutput(int m, INDArray batch, INDArray flipped) {
        java.util.function.UnaryOperator<INDArray> forward = forwards.get(m);
        INDArray p = outputBatched(forward, batch);
        if (flipped != null) {
            p.addi(outputBatched(forward, flipped)).divi(2);
        }
        return p;
    }

    private INDArray outputBatched(java.util.function.UnaryOperator<INDArray> forward, INDArray batch) {
        long n = batch.size(0);
        if (n <= batchSize) {
            return forward.apply(batch).castTo(DataType.FLOAT).dup();
        }
        float[][] rows = Predictor.probabilities(forward, batch, batchSize);
        return Nd4j.create(rows);
    }

    private static void checkInput(INDArray batch) {
        long[] s = batch.shape();
        if (s.length != 4 || s[1] != 1 || s[2] != 48 || s[3] != 48) {
            throw new IllegalArgumentException("expected a batch [N,1,48,48], got " + java.util.Arrays.toString(s));
        }
    }

    /** Mirrors a [N,1,48,48] batch left-right (on preprocessed values; the preprocessing is mirror-symmetric). */
    static INDArray flipWidth(INDArray batch) {
        float[] src = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] dst = new float[src.length];
        int rows = src.length / 48;
        for (int r = 0; r < rows; r++) {
            int base = r * 48;
            for (int x = 0; x < 48; x++) {
                dst[base + x] = src[base + 47 - x];
            }
        }
        return Nd4j.create(dst, batch.shape(), DataType.FLOAT);
    }

    private static float[][] toRows(INDArray probs) {
        INDArray p = probs.castTo(DataType.FLOAT).dup('c');
        int n = (int) p.size(0);
        int c = (int) p.size(1);
        float[] flat = p.data().asFloat();
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }
}
