package io.ferstream.model.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferstream.model.data.Fer2013Data;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pixel preprocessing of a model: scaling to [0,1] and, optionally, standardisation whose statistics are
 * fitted on the TRAINING images only. One instance is saved in every release bundle ({@code preprocessing.json})
 * and applied identically in training and serving.
 *
 * <p>Every mode reduces to {@code out[p] = x[p] * scale[p] + offset[p]} per pixel position {@code p}.
 * Serving: {@link #toInput(byte[][])} turns 48x48 grayscale crops into an INDArray {@code [N,1,48,48]} (NCHW,
 * FLOAT). Instances are immutable and thread-safe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Preprocessing {

    /** Format version of the JSON form. */
    public static final int FORMAT_VERSION = 1;
    /** Input side. */
    public static final int SIDE = Fer2013Data.SIDE;
    /** Input pixels. */
    public static final int PIXELS = Fer2013Data.PIXELS;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PreprocessingMode mode;
    private final Float mean;
    private final Float std;
    private final float[] pixelMean;
    private final float[] pixelStd;
    private final float[] scale = new float[PIXELS];
    private final float[] offset = new float[PIXELS];

    @JsonCreator
    Preprocessing(@JsonProperty("formatVersion") Integer formatVersion,
                  @JsonProperty(value = "mode", required = true) PreprocessingMode mode,
                  @JsonProperty("mean") Float mean,
                  @JsonProperty("std") Float std,
                  @JsonProperty("pixelMean") float[] pixelMean,
                  @JsonProperty("pixelStd") float[] pixelStd) {
        if (formatVersion != null && formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported preprocessing formatVersion " + formatVersion);
        }
        this.mode = Objects.requireNonNull(mode, "mode");
        switch (mode) {
            case SCALE -> {
                this.mean = null;
                this.std = null;
                this.pixelMean = null;
                this.pixelStd = null;
                Arrays.fill(scale, 1f / 255f);
            }
            case GLOBAL_STANDARDIZE -> {
                requirePositive(std, "std");
                Objects.requireNonNull(mean, "mean");
                this.mean = mean;
                this.std = std;
                this.pixelMean = null;
                this.pixelStd = null;
                Arrays.fill(scale, 1f / (255f * std));
                Arrays.fill(offset, -mean / std);
            }
            case PER_PIXEL_STANDARDIZE -> {
                if (pixelMean == null || pixelStd == null || pixelMean.length != PIXELS || pixelStd.length != PIXELS) {
                    throw new IllegalArgumentException("PER_PIXEL_STANDARDIZE needs pixelMean and pixelStd of " + PIXELS);
                }
                this.mean = null;
                this.std = null;
                this.pixelMean = pixelMean.clone();
                this.pixelStd = pixelStd.clone();
                for (int p = 0; p < PIXELS; p++) {
                    requirePositive(pixelStd[p], "pixelStd[" + p + "]");
                    scale[p] = 1f / (255f * pixelStd[p]);
                    offset[p] = -pixelMean[p] / pixelStd[p];
                }
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
    }

    private static void requirePositive(Float v, String name) {
        if (v == null || !(v > 0f) || v.isInfinite()) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + v);
        }
    }

    /** {@code x / 255}. */
    public static Preprocessing scaleOnly() {
        return new Preprocessing(FORMAT_VERSION, PreprocessingMode.SCALE, null, null, null, null);
    }

    /** A global standardisation with given statistics (of x/255). */
    public static Preprocessing global(float mean, float std) {
        return new Preprocessing(FORMAT_VERSION, PreprocessingMode.GLOBAL_STANDARDIZE, mean, std, null, null);
    }

    /** Fits {@code mode}'s statistics on training images (pass ONLY training data). */
    public static Preprocessing fit(PreprocessingMode mode, Fer2013Data training) {
        return fit(mode, training.pixels(), training.size());
    }

    /** Fits {@code mode}'s statistics on {@code n} training images of 2304 bytes each. */
    public static Preprocessing fit(PreprocessingMode mode, byte[] pixels, int n) {
        if (mode == PreprocessingMode.SCALE) {
            return scaleOnly();
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 training images to fit, got " + n);
        }
        double[] sum = new double[PIXELS];
        double[] sumSq = new double[PIXELS];
        for (int i = 0; i < n; i++) {
            int base = i * PIXELS;
            for (int p = 0; p < PIXELS; p++) {
                double v = (pixels[base + p] & 0xff) / 255.0;
                sum[p] += v;
                sumSq[p] += v * v;
            }
        }
        if (mode == PreprocessingMode.GLOBAL_STANDARDIZE) {
            double s = 0;
            double sq = 0;
            for (int p = 0; p < PIXELS; p++) {
                s += sum[p];
                sq += sumSq[p];
            }
            double count = (double) n * PIXELS;
            double m = s / count;
            double var = Math.max(sq / count - m * m, 1e-12);
            return global((float) m, (float) Math.max(Math.sqrt(var), 1e-3));
        }
        float[] pm = new float[PIXELS];
        float[] ps = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            double m = sum[p] / n;
            double var = Math.max(sumSq[p] / n - m * m, 0);
            pm[p] = (float) m;
            ps[p] = (float) Math.max(Math.sqrt(var), 1e-3);
        }
        return new Preprocessing(FORMAT_VERSION, PreprocessingMode.PER_PIXEL_STANDARDIZE, null, null, pm, ps);
    }

    @JsonProperty("formatVersion")
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @JsonProperty("mode")
    public PreprocessingMode mode() {
        return mode;
    }

    /** Global mean of x/255 (GLOBAL_STANDARDIZE only, else null). */
    @JsonProperty("mean")
    public Float mean() {
        return mean;
    }

    /** Global std of x/255 (GLOBAL_STANDARDIZE only, else null). */
    @JsonProperty("std")
    public Float std() {
        return std;
    }

    @JsonProperty("pixelMean")
    float[] pixelMean() {
        return pixelMean;
    }

    @JsonProperty("pixelStd")
    float[] pixelStd() {
        return pixelStd;
    }

    /** Preprocesses one image of 2304 pixel values in pixel units (0..255, may be fractional after augmentation). */
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int p = 0; p < PIXELS; p++) {
            dst[dstOffset + p] = src[srcOffset + p] * scale[p] + offset[p];
        }
    }

    /** Preprocesses one image of 2304 unsigned bytes. */
    public void apply(byte[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int p = 0; p < PIXELS; p++) {
            dst[dstOffset + p] = (src[srcOffset + p] & 0xff) * scale[p] + offset[p];
        }
    }

    /** Same as {@link #apply(byte[], int, float[], int)} but mirrors the image left-right. */
    public void applyFlipped(byte[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int y = 0; y < SIDE; y++) {
            int row = y * SIDE;
            for (int x = 0; x < SIDE; x++) {
                int p = row + x;
                dst[dstOffset + p] = (src[srcOffset + row + (SIDE - 1 - x)] & 0xff) * scale[p] + offset[p];
            }
        }
    }

    /**
     * Serving: 48x48 grayscale crops (2304 unsigned bytes each, row-major) to a FLOAT INDArray [N,1,48,48].
     *
     * @throws IllegalArgumentException if a crop is null or not 2304 bytes
     */
    public INDArray toInput(byte[][] crops) {
        return toInput(crops, false);
    }

    /** Like {@link #toInput(byte[][])}; {@code flipped} mirrors every crop left-right (test-time augmentation). */
    public INDArray toInput(byte[][] crops, boolean flipped) {
        Objects.requireNonNull(crops, "crops");
        float[] buf = new float[crops.length * PIXELS];
        for (int i = 0; i < crops.length; i++) {
            byte[] c = crops[i];
            if (c == null || c.length != PIXELS) {
                throw new IllegalArgumentException("crop " + i + " must be " + SIDE + "x" + SIDE + " = " + PIXELS
                        + " bytes, was " + (c == null ? "null" : c.length));
            }
            if (flipped) {
                applyFlipped(c, 0, buf, i * PIXELS);
            } else {
                apply(c, 0, buf, i * PIXELS);
            }
        }
        return Nd4j.create(buf, new long[] {crops.length, 1, SIDE, SIDE}, DataType.FLOAT);
    }

    /** {@code count} consecutive images of a packed pixel array (e.g. {@link Fer2013Data#pixels()}) to [count,1,48,48]. */
    public INDArray toInput(byte[] pixels, int firstImage, int count, boolean flipped) {
        float[] buf = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            if (flipped) {
                applyFlipped(pixels, (firstImage + i) * PIXELS, buf, i * PIXELS);
            } else {
                apply(pixels, (firstImage + i) * PIXELS, buf, i * PIXELS);
            }
        }
        return Nd4j.create(buf, new long[] {count, 1, SIDE, SIDE}, DataType.FLOAT);
    }

    /** The JSON form stored in release bundles. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson()}'s output. */
    public static Preprocessing fromJson(byte[] json) throws IOException {
        try {
            return JSON.readValue(json, Preprocessing.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw new IOException("invalid preprocessing: " + e.getCause().getMessage(), e);
        }
    }

    @JsonIgnore
    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing other && mode == other.mode && Objects.equals(mean, other.mean)
                && Objects.equals(std, other.std) && Arrays.equals(pixelMean, other.pixelMean)
                && Arrays.equals(pixelStd, other.pixelStd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, mean, std, Arrays.hashCode(pixelMean), Arrays.hashCode(pixelStd));
    }

    @Override
    public String toString() {
        return switch (mode) {
            case SCALE -> "Preprocessing[x/255]";
            case GLOBAL_STANDARDIZE -> "Preprocessing[(x/255 - " + mean + ") / " + std + "]";
            case PER_PIXEL_STANDARDIZE -> "Preprocessing[per-pixel standardisation]";
        };
    }
}
