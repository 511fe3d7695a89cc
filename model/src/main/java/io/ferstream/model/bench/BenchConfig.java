package io.ferstream.model.bench;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;

/**
 * One cell of the benchmark grid (the process-wide settings, OMP threads and wait policy, are in the result).
 *
 * @param arch      architecture name ({@code ref4}, {@code ref5}, ...)
 * @param mode      training or inference
 * @param engine    DL4J {@code MultiLayerNetwork} or the same graph built in SameDiff
 * @param format    activation layout, NCHW (DL4J's default) or NHWC
 * @param workspace training and inference workspace mode (MultiLayerNetwork only)
 * @param data      one batch held in memory and reused, or a fresh batch per iteration from a
 *                  {@code DataSetIterator} (bytes -> preprocessing -> INDArray, with DL4J's async prefetch)
 * @param batch     batch size
 */
public record BenchConfig(String arch, Mode mode, Engine engine, CNN2DFormat format, WorkspaceMode workspace,
                          DataSource data, int batch) {

    /** What is timed. */
    public enum Mode {
        /** One optimiser step (forward + backward + update) per iteration. */
        TRAIN,
        /** One forward pass ({@code output(x)}) per iteration. */
        INFER
    }

    /** Which DL4J API runs the network. */
    public enum Engine {
        MLN,
        SAMEDIFF
    }

    /** Where the batches come from. */
    public enum DataSource {
        MEMORY,
        ITERATOR
    }

    /** A short label for tables and charts, e.g. {@code MLN NCHW ws=ENABLED mem} (no workspace for SameDiff). */
    public String variant() {
        return engine + " " + format + (engine == Engine.MLN ? " ws=" + workspace : "") + " "
                + (data == DataSource.MEMORY ? "mem" : "iter");
    }
}
