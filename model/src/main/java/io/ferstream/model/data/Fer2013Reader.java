package io.ferstream.model.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the original FER2013 {@code fer2013.csv} format (header {@code emotion,pixels,Usage}), plain or gzip
 * (detected from the file's first bytes, not its name).
 *
 * <p>Every row is validated, also rows of splits that are not selected: exactly three fields, an emotion
 * 0..6, exactly 2,304 space-separated pixels each an integer 0..255, and a known Usage. The first bad row
 * raises a {@link Fer2013FormatException} naming its line number (the header is line 1) and what is wrong;
 * nothing is skipped silently. Rows of unselected splits are validated then left out; Disgust rows are
 * dropped or merged per the {@link DisgustPolicy} and counted.
 *
 * <p>Instances are immutable and thread-safe; each {@code read} call is independent.
 */
public final class Fer2013Reader {

    /** The header the file must start with. */
    public static final String HEADER = "emotion,pixels,Usage";

    private final Set<Usage> usages;
    private final DisgustPolicy disgustPolicy;
    private final int[] limits;

    private Fer2013Reader(Set<Usage> usages, DisgustPolicy disgustPolicy, int[] limits) {
        this.usages = usages.isEmpty() ? EnumSet.noneOf(Usage.class) : EnumSet.copyOf(usages);
        this.disgustPolicy = disgustPolicy;
        this.limits = limits.clone();
    }

    /** A reader of every split, dropping Disgust, without a limit. */
    public static Fer2013Reader defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a reader. */
    public static final class Builder {
        private Set<Usage> usages = EnumSet.allOf(Usage.class);
        private DisgustPolicy disgustPolicy = DisgustPolicy.DROP;
        private final int[] limits = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};

        /** Keep only rows of these splits (default: all). */
        public Builder usages(Usage first, Usage... rest) {
            this.usages = EnumSet.of(first, rest);
            return this;
        }

        /** Keep only rows of these splits (default: all). */
        public Builder usages(Set<Usage> usages) {
            this.usages = usages.isEmpty() ? EnumSet.noneOf(Usage.class) : EnumSet.copyOf(usages);
            return this;
        }

        public Builder disgustPolicy(DisgustPolicy policy) {
            this.disgustPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Keep at most this many rows of each split (the first ones in file order, after the Disgust policy),
         * for quick runs. The rest of the file is still validated.
         */
        public Builder limitPerUsage(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0");
            }
            java.util.Arrays.fill(limits, limit);
            return this;
        }

        /** Keep at most {@code limit} rows of one split (0 or less = no limit), like {@link #limitPerUsage(int)}. */
        public Builder limit(Usage usage, int limit) {
            limits[usage.ordinal()] = limit <= 0 ? Integer.MAX_VALUE : limit;
            return this;
        }

        public Fer2013Reader build() {
            return new Fer2013Reader(usages, disgustPolicy, limits);
        }
    }

    /** Reads a {@code fer2013.csv} or {@code fer2013.csv.gz} file. */
    public Fer2013Data read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException("FER2013 CSV not found: " + path.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    /** Reads CSV text, plain or gzip-compressed; the stream is not closed. */
    public Fer2013Data read(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return parse(reader);
    }

    private Fer2013Data parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new Fer2013FormatException(1, "empty file: expected the header '" + HEADER + "'");
        }
        header = stripBomAndCr(header);
        if (!HEADER.equals(header.trim())) {
            throw new Fer2013FormatException(1, "expected the header '" + HEADER + "' but found '" + abbreviate(header) + "'");
        }
        Growable rows = new Growable();
        MessageDigest all = Fer2013Data.sha256Digest();
        Map<Usage, MessageDigest> byUsage = new EnumMap<>(Usage.class);
        int[] keptPerUsage = new int[Usage.values().length];
        byte[] pixelBuffer = new byte[Fer2013Data.PIXELS];
        int dropped = 0;
        long lineNumber = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            line = stripCr(line);
            int packed = parseRow(line, lineNumber, pixelBuffer);
            int ferLabel = packed & 0xff;
            Usage usage = Usage.values()[packed >>> 8];
            if (!usages.contains(usage)) {
                continue;
            }
            int label = EmotionClasses.fromFer2013(ferLabel, disgustPolicy);
            if (label == EmotionClasses.DROPPED) {
                dropped++;
                continue;
            }
            if (keptPerUsage[usage.ordinal()] >= limits[usage.ordinal()]) {
                continue;
            }
            keptPerUsage[usage.ordinal()]++;
            rows.add(pixelBuffer, (byte) label, (byte) ferLabel, (byte) usage.ordinal(), (int) Math.min(lineNumber, Integer.MAX_VALUE));
            byte[] bytes = Fer2013Data.utf8(line);
            all.update(bytes);
            all.update((byte) '\n');
            MessageDigest md = byUsage.computeIfAbsent(usage, u -> Fer2013Data.sha256Digest());
            md.update(bytes);
            md.update((byte) '\n');
        }
        Map<Usage, String> hashes = new EnumMap<>(Usage.class);
        byUsage.forEach((u, md) -> hashes.put(u, HexFormat.of().formatHex(md.digest())));
        return rows.toData(HexFormat.of().formatHex(all.digest()), hashes, disgustPolicy, dropped);
    }

    /** Validates a data row; fills {@code pixels}; returns the FER2013 label | (usage ordinal &lt;&lt; 8). */
    private int parseRow(String line, long lineNumber, byte[] pixels) throws Fer2013FormatException {
        if (line.isBlank()) {
            throw new Fer2013FormatException(lineNumber, "empty line (expected emotion,pixels,Usage)");
        }
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        if (c1 < 0 || c2 < 0 || line.indexOf(',', c2 + 1) >= 0) {
            long fields = line.chars().filter(ch -> ch == ',').count() + 1;
            throw new Fer2013FormatException(lineNumber,
                    "expected 3 comma-separated fields (emotion,pixels,Usage) but found " + fields);
        }
        String emotionText = line.substring(0, c1).trim();
        int emotion;
        try {
            emotion = Integer.parseInt(emotionText);
        } catch (NumberFormatException e) {
            throw new Fer2013FormatException(lineNumber, "emotion '" + abbreviate(emotionText) + "' is not an integer");
        }
        if (emotion < 0 || emotion > 6) {
            throw new Fer2013FormatException(lineNumber, "emotion " + emotion + " is outside 0..6");
        }
        String usageText = line.substring(c2 + 1).trim();
        Usage usage = Usage.fromCsv(usageText).orElseThrow(() -> new Fer2013FormatException(lineNumber,
                "unknown Usage '" + abbreviate(usageText) + "' (expected Training, PublicTest or PrivateTest)"));
        parsePixels(line, c1 + 1, c2, lineNumber, pixels);
        return emotion | (usage.ordinal() << 8);
    }

    private static void parsePixels(String line, int from, int to, long lineNumber, byte[] pixels)
            throws Fer2013FormatException {
        int start = from;
        int end = to;
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) == ' ') {
            end--;
        }
        if (end - start >= 2 && line.charAt(start) == '"' && line.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        int count = 0;
        int i = start;
        while (i < end) {
            char ch = line.charAt(i);
            if (ch == ' ' || ch == '\t') {
                i++;
                continue;
            }
            int tokenStart = i;
            while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            int value = 0;
            boolean digits = i - tokenStart <= 9;
            for (int k = tokenStart; k < i && digits; k++) {
                char d = line.charAt(k);
                if (d < '0' || d > '9') {
                    digits = false;
                } else {
                    value = value * 10 + (d - '0');
                }
            }
            String token = null;
            if (!digits) {
                token = line.substring(tokenStart, i);
                throw new Fer2013FormatException(lineNumber, "pixel " + (count + 1) + " '" + abbreviate(token)
                        + "' is not an integer 0..255");
            }
            if (value > 255) {
                throw new Fer2013FormatException(lineNumber, "pixel " + (count + 1) + " is " + value + ", outside 0..255");
            }
            if (count < Fer2013Data.PIXELS) {
                pixels[count] = (byte) value;
            }
            count++;
        }
        if (count != Fer2013Data.PIXELS) {
            throw new Fer2013FormatException(lineNumber,
                    "expected " + Fer2013Data.PIXELS + " pixels but found " + count);
        }
    }

    private static String stripBomAndCr(String s) {
        return stripCr(s.startsWith("\uFEFF") ? s.substring(1) : s);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Appends rows into doubling arrays. */
    private static final class Growable {
        private byte[] pixels = new byte[Fer2013Data.PIXELS * 1024];
        private byte[] labels = new byte[1024];
        private byte[] ferLabels = new byte[1024];
        private byte[] usages = new byte[1024];
        private int[] lines = new int[1024];
        private int size;

        void add(byte[] px, byte label, byte ferLabel, byte usage, int line) {
            if (size == labels.length) {
                int cap = size * 2;
                pixels = Arrays.copyOf(pixels, cap * Fer2013Data.PIXELS);
                labels = Arrays.copyOf(labels, cap);
                ferLabels = Arrays.copyOf(ferLabels, cap);
                usages = Arrays.copyOf(usages, cap);
                lines = Arrays.copyOf(lines, cap);
            }
            System.arraycopy(px, 0, pixels, size * Fer2013Data.PIXELS, Fer2013Data.PIXELS);
            labels[size] = label;
            ferLabels[size] = ferLabel;
            usages[size] = usage;
            lines[size] = line;
            size++;
        }

        Fer2013Data toData(String hash, Map<Usage, String> hashes, DisgustPolicy policy, int dropped) {
            return new Fer2013Data(size, Arrays.copyOf(pixels, size * Fer2013Data.PIXELS), Arrays.copyOf(labels, size),
                    Arrays.copyOf(ferLabels, size), Arrays.copyOf(usages, size), Arrays.copyOf(lines, size), hash,
                    hashes, policy, dropped);
        }
    }
}
