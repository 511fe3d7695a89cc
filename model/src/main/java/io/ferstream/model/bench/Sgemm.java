package io.ferstream.model.bench;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's own single-precision matrix multiply speed: the machine's practical ceiling for DL4J. */
public final class Sgemm {

    private Sgemm() {
    }

    /**
     * Median GFLOP/s of {@code Nd4j.gemm} on {@code n x n} FLOAT matrices (2 n^3 FLOPs per call), after warm-up.
     */
    public static double gflops(int n, int warmup, int iterations) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < warmup; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            Nd4j.getExecutioner().commit();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double median = median(ms);
        return 2.0 * n * n * n / (median / 1e3) / 1e9;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
