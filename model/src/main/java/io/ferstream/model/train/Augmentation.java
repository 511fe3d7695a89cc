package io.ferstream.model.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ferstream.model.data.Fer2013Data;
import java.util.SplittableRandom;

/**
 * Random training-time augmentation of 48x48 images held as bytes: a random affine transform (shift, rotation,
 * zoom) with bilinear sampling and edge-replicating borders, and a horizontal flip with probability 1/2.
 * Output is in pixel units (0..255 floats), ready for {@link io.ferstream.model.preprocess.Preprocessing#apply(float[], int, float[], int)}.
 *
 * @param maxShift          largest shift in pixels along each axis (uniform in [-maxShift, maxShift])
 * @param maxRotationDegrees largest rotation in degrees (uniform in [-r, r])
 * @param maxZoom           largest relative zoom (scale uniform in [1 - z, 1 + z])
 * @param flip              mirror left-right with probability 1/2
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Augmentation(@JsonProperty("maxShift") double maxShift,
                           @JsonProperty("maxRotationDegrees") double maxRotationDegrees,
                           @JsonProperty("maxZoom") double maxZoom,
                           @JsonProperty("flip") boolean flip) {

    private static final int SIDE = Fer2013Data.SIDE;
    private static final int PIXELS = Fer2013Data.PIXELS;

    public Augmentation {
        if (maxShift < 0 || maxRotationDegrees < 0 || maxZoom < 0 || maxZoom >= 1) {
            throw new IllegalArgumentException("augmentation ranges must be >= 0 (zoom < 1)");
        }
    }

    /** No augmentation. */
    public static Augmentation none() {
        return new Augmentation(0, 0, 0, false);
    }

    /** The default: shifts up to 4 px, rotations up to 10 degrees, zoom up to 10%, flips. */
    public static Augmentation standard() {
        return new Augmentation(4, 10, 0.1, true);
    }

    /** True if this augmentation leaves images unchanged. */
    @JsonIgnore
    public boolean isIdentity() {
        return maxShift == 0 && maxRotationDegrees == 0 && maxZoom == 0 && !flip;
    }

    /** Writes a randomly transformed copy of the image at {@code src[srcOffset..+2304)} to {@code dst}. */
    public void apply(byte[] src, int srcOffset, float[] dst, int dstOffset, SplittableRandom rnd) {
        boolean mirror = flip && rnd.nextBoolean();
        double dx = maxShift == 0 ? 0 : rnd.nextDouble(-maxShift, maxShift);
        double dy = maxShift == 0 ? 0 : rnd.nextDouble(-maxShift, maxShift);
        double angle = maxRotationDegrees == 0 ? 0 : Math.toRadians(rnd.nextDouble(-maxRotationDegrees, maxRotationDegrees));
        double zoom = maxZoom == 0 ? 1 : rnd.nextDouble(1 - maxZoom, 1 + maxZoom);
        if (dx == 0 && dy == 0 && angle == 0 && zoom == 1) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int sx = mirror ? SIDE - 1 - x : x;
                    dst[dstOffset + y * SIDE + x] = src[srcOffset + y * SIDE + sx] & 0xff;
                }
            }
            return;
        }
        // Inverse map: output pixel (x, y) samples the source at centre + R(-angle) * ((x, y) - centre - shift) / zoom.
        double c = (SIDE - 1) / 2.0;
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        for (int y = 0; y < SIDE; y++) {
            double oy = y - c - dy;
            for (int x = 0; x < SIDE; x++) {
                double ox = (mirror ? (SIDE - 1 - x) : x) - c - dx;
                double sx = c + cos * ox + sin * oy;
                double sy = c - sin * ox + cos * oy;
                dst[dstOffset + y * SIDE + x] = bilinear(src, srcOffset, sx, sy);
            }
        }
    }

    private static float bilinear(byte[] src, int off, double sx, double sy) {
        if (sx < 0) {
            sx = 0;
        } else if (sx > SIDE - 1) {
            sx = SIDE - 1;
        }
        if (sy < 0) {
            sy = 0;
        } else if (sy > SIDE - 1) {
            sy = SIDE - 1;
        }
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(x0 + 1, SIDE - 1);
        int y1 = Math.min(y0 + 1, SIDE - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        double v00 = src[off + y0 * SIDE + x0] & 0xff;
        double v01 = src[off + y0 * SIDE + x1] & 0xff;
        double v10 = src[off + y1 * SIDE + x0] & 0xff;
        double v11 = src[off + y1 * SIDE + x1] & 0xff;
        double top = v00 + (v01 - v00) * fx;
        double bottom = v10 + (v11 - v10) * fx;
        return (float) (top + (bottom - top) * fy);
    }

    static int pixels() {
        return PIXELS;
    }
}
