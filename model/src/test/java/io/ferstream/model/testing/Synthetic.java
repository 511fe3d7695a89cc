package io.ferstream.model.testing;

import io.ferstream.model.data.Fer2013Data;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Generated FER2013-format data for tests (the real data set is never copied into the repository). */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * A 48x48 image of class {@code k} (0..2): 0 dark with noise, 1 horizontal stripes, 2 vertical stripes; with
     * random brightness offset and noise. Separable by a small CNN, and invariant under horizontal flips.
     */
    public static byte[] image(int k, Random rnd) {
        byte[] px = new byte[Fer2013Data.PIXELS];
        int phase = rnd.nextInt(8);
        int base = 60 + rnd.nextInt(60);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                int v = switch (k) {
                    case 0 -> base / 2;
                    case 1 -> ((y + phase) / 4) % 2 == 0 ? base + 100 : base;
                    default -> ((x + phase) / 4) % 2 == 0 ? base + 100 : base;
                };
                v += rnd.nextInt(31) - 15;
                px[y * 48 + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return px;
    }

    /** {@code n} synthetic images with labels cycling 0,1,2. */
    public static Fer2013Data data(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] px = new byte[n * Fer2013Data.PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            System.arraycopy(image(i % 3, rnd), 0, px, i * Fer2013Data.PIXELS, Fer2013Data.PIXELS);
        }
        return Fer2013Data.ofArrays(px, labels);
    }

    /** One CSV data row. */
    public static String row(int emotion, byte[] pixels, String usage) {
        StringBuilder sb = new StringBuilder(pixels.length * 4 + 20);
        sb.append(emotion).append(',');
        for (int i = 0; i < pixels.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pixels[i] & 0xff);
        }
        return sb.append(',').append(usage).toString();
    }

    /** A pixel string of {@code count} values all equal to {@code value}. */
    public static String pixels(int count, int value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(value);
        }
        return sb.toString();
    }

    /**
     * Writes a FER2013-format CSV with {@code train} Training and {@code test} PublicTest rows of the synthetic
     * 3-class task, FER2013 labels 0 (Angry), 2 (Fear), 3 (Happy) so they map to classes 0, 1, 2.
     */
    public static Path csv(Path file, int train, int test, long seed, boolean gzip) throws IOException {
        Random rnd = new Random(seed);
        int[] fer = {0, 2, 3};
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
             Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("emotion,pixels,Usage\n");
            for (int i = 0; i < train + test; i++) {
                int k = i % 3;
                w.write(row(fer[k], image(k, rnd), i < train ? "Training" : "PublicTest"));
                w.write('\n');
            }
        }
        return file;
    }
}
