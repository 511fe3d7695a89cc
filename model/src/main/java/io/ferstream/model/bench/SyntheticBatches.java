package io.ferstream.model.bench;

import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.Preprocessing;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random 48x48 crops and labels for timing (the speed of a CNN does not depend on the pixel values). A pool of
 * {@value #POOL} images is kept as bytes, like {@link Fer2013Data}, and turned into network input either once
 * ({@link #dataSet}) or per batch ({@link #iterator}).
 */
final class SyntheticBatches {

    static final int POOL = 1024;
    private static final int CLASSES = EmotionClasses.COUNT;

    private final byte[] pixels = new byte[POOL * Fer2013Data.PIXELS];
    private final byte[] labels = new byte[POOL];
    private final CNN2DFormat format;
    private final Preprocessing prep = Preprocessing.scaleOnly();

    SyntheticBatches(CNN2DFormat format, long seed) {
        this.format = format;
        Random r = new Random(seed);
        r.nextBytes(pixels);
        for (int i = 0; i < POOL; i++) {
            labels[i] = (byte) r.nextInt(CLASSES);
        }
    }

    /** The crops of a batch starting at pool position {@code start}. */
    byte[][] crops(int start, int batch) {
        byte[][] out = new byte[batch][];
        for (int i = 0; i < batch; i++) {
            int j = (start + i) % POOL;
            byte[] c = new byte[Fer2013Data.PIXELS];
            System.arraycopy(pixels, j * Fer2013Data.PIXELS, c, 0, Fer2013Data.PIXELS);
            out[i] = c;
        }
        return out;
    }

    /** Network input for crops: preprocessing to [N,1,48,48], viewed as [N,48,48,1] for NHWC (one channel). */
    INDArray features(byte[][] crops) {
        INDArray x = prep.toInput(crops);
        return format == CNN2DFormat.NCHW ? x : x.reshape('c', crops.length, Fer2013Data.SIDE, Fer2013Data.SIDE, 1);
    }

    INDArray labels(int start, int batch) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, labels[(start + i) % POOL], 1f);
        }
        return y;
    }

    /** One batch, built once (the "data held in memory" case). */
    DataSet dataSet(int batch) {
        return new DataSet(features(crops(0, batch)), labels(0, batch));
    }

    /**
     * A fresh batch per {@code next()} (bytes -> preprocessing -> INDArray), at most {@code maxBatches}, stopping
     * early once {@code stop} says so.
     */
    DataSetIterator iterator(int batch, int maxBatches, BooleanSupplier stop) {
        return new DataSetIterator() {
            private int done;

            @Override
            public boolean hasNext() {
                return done < maxBatches && !stop.getAsBoolean();
            }

            @Override
            public DataSet next() {
                int start = (done++ * batch) % POOL;
                return new DataSet(features(crops(start, batch)), labels(start, batch));
            }

            @Override
            public DataSet next(int num) {
                return next();
            }

            @Override
            public int inputColumns() {
                return Fer2013Data.PIXELS;
            }

            @Override
            public int totalOutcomes() {
                return CLASSES;
            }

            @Override
            public boolean resetSupported() {
                return false;
            }

            @Override
            public boolean asyncSupported() {
                return true;
            }

            @Override
            public void reset() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int batch() {
                return batch;
            }

            @Override
            public void setPreProcessor(DataSetPreProcessor preProcessor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DataSetPreProcessor getPreProcessor() {
                return null;
            }

            @Override
            public List<String> getLabels() {
                return EmotionClasses.NAMES;
            }
        };
    }
}
