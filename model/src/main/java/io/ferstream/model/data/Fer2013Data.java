package io.ferstream.model.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * FER2013 images held compactly in memory: one {@code byte[]} of {@code size * 2304} grayscale pixels
 * (row-major 48x48 per image, unsigned bytes), the six-class label of each image, and the SHA-256 of the
 * exact CSV rows it was read from (for the release manifest's "hash of the training data").
 *
 * <p>Instances are effectively immutable: the accessors that return arrays return the backing arrays for
 * speed and must not be modified.
 */
public final class Fer2013Data {

    /** Image side in pixels. */
    public static final int SIDE = 48;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;

    private final int size;
    private final byte[] pixels;
    private final byte[] labels;
    private final byte[] ferLabels;
    private final byte[] usages;
    private final int[] lineNumbers;
    private final String sha256;
    private final Map<Usage, String> sha256ByUsage;
    private final DisgustPolicy disgustPolicy;
    private final int droppedDisgust;

    Fer2013Data(int size, byte[] pixels, byte[] labels, byte[] ferLabels, byte[] usages, int[] lineNumbers,
                String sha256, Map<Usage, String> sha256ByUsage, DisgustPolicy disgustPolicy, int droppedDisgust) {
        if (pixels.length < (long) size * PIXELS || labels.length < size) {
            throw new IllegalArgumentException("arrays shorter than size " + size);
        }
        this.size = size;
        this.pixels = pixels;
        this.labels = labels;
        this.ferLabels = ferLabels;
        this.usages = usages;
        this.lineNumbers = lineNumbers;
        this.sha256 = sha256;
        this.sha256ByUsage = Map.copyOf(sha256ByUsage);
        this.disgustPolicy = disgustPolicy;
        this.droppedDisgust = droppedDisgust;
    }

    /**
     * Wraps in-memory images (e.g. synthetic data for tests), all marked {@link Usage#TRAINING}. The hash is the
     * SHA-256 of the pixel bytes followed by the label bytes.
     *
     * @param pixels {@code labels.length * 2304} pixels
     * @param labels class indices 0..5
     */
    public static Fer2013Data ofArrays(byte[] pixels, byte[] labels) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        int n = labels.length;
        if (pixels.length != (long) n * PIXELS) {
            throw new IllegalArgumentException("expected " + (long) n * PIXELS + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= EmotionClasses.COUNT) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " is outside 0..5");
            }
        }
        MessageDigest md = sha256Digest();
        md.update(pixels);
        md.update(labels);
        String hash = HexFormat.of().formatHex(md.digest());
        byte[] usage = new byte[n];
        Arrays.fill(usage, (byte) Usage.TRAINING.ordinal());
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = i + 2;
        }
        byte[] fer = new byte[n];
        for (int i = 0; i < n; i++) {
            fer[i] = (byte) (labels[i] == 0 ? 0 : labels[i] + 1);
        }
        return new Fer2013Data(n, pixels, labels.clone(), fer, usage, lines, hash, Map.of(Usage.TRAINING, hash),
                DisgustPolicy.DROP, 0);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Number of images. */
    public int size() {
        return size;
    }

    /** All pixels, image {@code i} at {@code [i*2304, (i+1)*2304)}; unsigned bytes. Do not modify. */
    public byte[] pixels() {
        return pixels;
    }

    /** Class indices 0..5 (see {@link EmotionClasses}). Do not modify. */
    public byte[] labels() {
        return labels;
    }

    /** The class index 0..5 of image {@code i}. */
    public int label(int i) {
        Objects.checkIndex(i, size);
        return labels[i];
    }

    /** The original FER2013 label 0..6 of image {@code i}. */
    public int ferLabel(int i) {
        Objects.checkIndex(i, size);
        return ferLabels[i];
    }

    /** The split of image {@code i}. */
    public Usage usage(int i) {
        Objects.checkIndex(i, size);
        return Usage.values()[usages[i]];
    }

    /** The 1-based line of the CSV file that image {@code i} came from. */
    public int lineNumber(int i) {
        Objects.checkIndex(i, size);
        return lineNumbers[i];
    }

    /** A copy of image {@code i}'s 2304 pixels. */
    public byte[] image(int i) {
        Objects.checkIndex(i, size);
        return Arrays.copyOfRange(pixels, i * PIXELS, (i + 1) * PIXELS);
    }

    /**
     * Hex SHA-256 of the exact rows held: each CSV line as read (without its line terminator) followed by
     * {@code '\n'}, in file order, for every row kept (after the usage filter, the Disgust policy and any limit).
     */
    public String sha256() {
        return sha256;
    }

    /** The same hash restricted to one split's rows, or the hash of an empty input if none were held. */
    public String sha256(Usage usage) {
        return sha256ByUsage.getOrDefault(usage, HexFormat.of().formatHex(sha256Digest().digest()));
    }

    /** The Disgust policy applied when reading. */
    public DisgustPolicy disgustPolicy() {
        return disgustPolicy;
    }

    /** How many Disgust rows of the selected splits were dropped by {@link DisgustPolicy#DROP}. */
    public int droppedDisgust() {
        return droppedDisgust;
    }

    /** Count per class index 0..5. */
    public int[] classCounts() {
        int[] counts = new int[EmotionClasses.COUNT];
        for (int i = 0; i < size; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /** The images of one split, in file order, with that split's hash. */
    public Fer2013Data subset(Usage usage) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (usages[i] == usage.ordinal()) {
                n++;
            }
        }
        byte[] px = new byte[n * PIXELS];
        byte[] lab = new byte[n];
        byte[] fer = new byte[n];
        byte[] us = new byte[n];
        int[] lines = new int[n];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (usages[i] == usage.ordinal()) {
                System.arraycopy(pixels, i * PIXELS, px, j * PIXELS, PIXELS);
                lab[j] = labels[i];
                fer[j] = ferLabels[i];
                us[j] = usages[i];
                lines[j] = lineNumbers[i];
                j++;
            }
        }
        String hash = sha256(usage);
        Map<Usage, String> byUsage = new EnumMap<>(Usage.class);
        if (n > 0) {
            byUsage.put(usage, hash);
        }
        return new Fer2013Data(n, px, lab, fer, us, lines, hash, byUsage, disgustPolicy, 0);
    }

    @Override
    public String toString() {
        return "Fer2013Data[size=" + size + ", classes=" + Arrays.toString(classCounts()) + ", policy=" + disgustPolicy
                + ", sha256=" + sha256.substring(0, 12) + "...]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
