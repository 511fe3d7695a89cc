package io.ferstream.model.train;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.Preprocessing;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Batched inference helpers shared by training (evaluation) and release building. Stateless. */
public final class Predictor {

    /** Default inference batch size. */
    public static final int BATCH = 256;

    private Predictor() {
    }

    /** Softmax outputs of {@code net} for a preprocessed input [N,1,48,48], in batches; returns [N][6]. */
    public static float[][] probabilities(MultiLayerNetwork net, INDArray input, int batchSize) {
        return probabilities(x -> net.output(x, false), input, batchSize);
    }

    /**
     * Softmax outputs of any forward function (a {@code MultiLayerNetwork}, a SameDiff graph...) for a preprocessed
     * input [N,1,48,48], in batches of {@code batchSize}; returns [N][6].
     */
    public static float[][] probabilities(java.util.function.UnaryOperator<INDArray> forward, INDArray input,
                                          int batchSize) {
        int n = (int) input.size(0);
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray x = input.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            INDArray y = forward.apply(x).castTo(DataType.FLOAT);
            float[] flat = y.data().asFloat();
            long cols = y.size(1);
            if (y.ordering() != 'c' || y.isView()) {
                flat = y.dup('c').data().asFloat();
            }
            for (int i = 0; i < to - from; i++) {
                float[] row = new float[(int) cols];
                System.arraycopy(flat, (int) (i * cols), row, 0, (int) cols);
                out[from + i] = row;
            }
        }
        return out;
    }

    /** Preprocesses all of {@code data} (optionally mirrored) into one [N,1,48,48] array. */
    public static INDArray input(Preprocessing preprocessing, Fer2013Data data, boolean flipped) {
        return preprocessing.toInput(data.pixels(), 0, data.size(), flipped);
    }

    /** Softmax outputs averaged over the image and its mirror (horizontal-flip test-time augmentation). */
    public static float[][] probabilities(MultiLayerNetwork net, INDArray input, INDArray flippedInput, int batchSize) {
        float[][] a = probabilities(net, input, batchSize);
        if (flippedInput == null) {
            return a;
        }
        float[][] b = probabilities(net, flippedInput, batchSize);
        return average(java.util.List.of(a, b));
    }

    /** Element-wise mean of several [N][C] probability tables. */
    public static float[][] average(java.util.List<float[][]> tables) {
        float[][] first = tables.get(0);
        float[][] out = new float[first.length][first.length == 0 ? 0 : first[0].length];
        for (float[][] t : tables) {
            for (int i = 0; i < out.length; i++) {
                for (int c = 0; c < out[i].length; c++) {
                    out[i][c] += t[i][c];
                }
            }
        }
        float k = tables.size();
        for (float[] row : out) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= k;
            }
        }
        return out;
    }

    /** Index of the largest value (first on ties). */
    public static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Fraction of rows whose argmax equals the label. */
    public static double accuracy(float[][] probabilities, byte[] labels) {
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (argmax(probabilities[i]) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / probabilities.length;
    }

    /** Mean cross-entropy {@code -log p[label]} (clipped at 1e-7). */
    public static double crossEntropy(float[][] probabilities, byte[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][labels[i]], 1e-7));
        }
        return probabilities.length == 0 ? Double.NaN : sum / probabilities.length;
    }

    static int classes() {
        return EmotionClasses.COUNT;
    }
}
