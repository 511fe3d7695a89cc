package io.ferstream.model.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The small pieces every training loop here shares (the model trainer's and the retraining rounds'): seeded shuffles,
 * seed mixing, and the loss measured on sampled batches. One definition, so the same seed means the same thing
 * wherever it is used.
 */
public final class TrainingMath {

    private TrainingMath() {
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A well-mixed seed for (seed, a, b): per-epoch shuffles, per-batch augmentation, per-step dropout. */
    public static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

    /** Mean cross-entropy of softmax outputs against one-hot labels. */
    public static double crossEntropy(INDArray probabilities, INDArray oneHot) {
        INDArray p = probabilities.castTo(DataType.DOUBLE);
        INDArray picked = p.mul(oneHot.castTo(DataType.DOUBLE)).sum(1);
        return -Transforms.log(picked.addi(1e-12), false).meanNumber().doubleValue();
    }
}
