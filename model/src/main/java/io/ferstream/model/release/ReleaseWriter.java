package io.ferstream.model.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.preprocess.PreprocessingMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Builds a release bundle: one zip with {@code manifest.json}, {@code preprocessing.json}, {@code classes.json}
 * and {@code members/NN-<arch>.zip} (DL4J ModelSerializer, without updater state). Entry timestamps are the
 * creation time, so the same inputs give the same bytes.
 *
 * <pre>{@code
 * String sha = ReleaseWriter.builder()
 *     .releaseId("ref4-snap9-20250101").preprocessing(pre).trainingData(train.sha256(), train.size(), "DROP", "...")
 *     .addMember(net, "ref4", Map.of("publictest.accuracy", 0.62), "snapshot-0001000")
 *     .metric("publictest.accuracy", 0.64).testTimeAugmentation(TestTimeAugmentation.NONE)
 *     .write(Path.of("releases/ref4.zip"));
 * }</pre>
 */
public final class ReleaseWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final String MANIFEST = "manifest.json";
    static final String PREPROCESSING = "preprocessing.json";
    static final String CLASSES = "classes.json";

    private record PendingMember(MultiLayerNetwork net, String architecture, Map<String, Double> metrics, String source) {
    }

    private String releaseId;
    private String parentReleaseId;
    private Instant createdAt;
    private Preprocessing preprocessing;
    private TestTimeAugmentation tta = TestTimeAugmentation.NONE;
    private org.nd4j.linalg.api.buffer.DataType weights = org.nd4j.linalg.api.buffer.DataType.FLOAT;
    private ReleaseManifest.TrainingData trainingData;
    private final List<PendingMember> members = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, Object> training = new LinkedHashMap<>();

    private ReleaseWriter() {
    }

    public static ReleaseWriter builder() {
        return new ReleaseWriter();
    }

    /** The release id (default: {@code <architectures>-<yyyyMMdd-HHmmss>}). */
    public ReleaseWriter releaseId(String id) {
        this.releaseId = id;
        return this;
    }

    /** The release this one was derived from (retraining), or null. */
    public ReleaseWriter parentReleaseId(String id) {
        this.parentReleaseId = id;
        return this;
    }

    /** Creation time (default: now), truncated to seconds. */
    public ReleaseWriter createdAt(Instant t) {
        this.createdAt = t;
        return this;
    }

    public ReleaseWriter preprocessing(Preprocessing p) {
        this.preprocessing = Objects.requireNonNull(p, "preprocessing");
        return this;
    }

    public ReleaseWriter testTimeAugmentation(TestTimeAugmentation t) {
        this.tta = Objects.requireNonNull(t, "tta");
        return this;
    }

    /**
     * How member weights are stored: {@code FLOAT} (default, exact) or {@code HALF} (half the size; loading converts
     * back to FLOAT, so serving computes in FLOAT with weights rounded to 16 bits).
     */
    public ReleaseWriter weightsDataType(org.nd4j.linalg.api.buffer.DataType type) {
        if (type != org.nd4j.linalg.api.buffer.DataType.FLOAT && type != org.nd4j.linalg.api.buffer.DataType.HALF) {
            throw new IllegalArgumentException("weights must be FLOAT or HALF, not " + type);
        }
        this.weights = type;
        return this;
    }

    /** The training rows' SHA-256 and count, the Disgust policy, and a human description. */
    public ReleaseWriter trainingData(String sha256, int rows, String disgustPolicy, String description) {
        ReleaseManifest.TrainingData d = new ReleaseManifest.TrainingData();
        d.sha256 = sha256;
        d.rows = rows;
        d.disgustPolicy = disgustPolicy;
        d.description = description;
        this.trainingData = d;
        return this;
    }

    /** Adds an ensemble member (its own metrics, e.g. {@code publictest.accuracy}; a source description). */
    public ReleaseWriter addMember(MultiLayerNetwork net, String architecture, Map<String, Double> memberMetrics,
                                   String source) {
        members.add(new PendingMember(Objects.requireNonNull(net, "net"), Objects.requireNonNull(architecture),
                memberMetrics == null ? Map.of() : memberMetrics, source));
        return this;
    }

    /** An ensemble-level metric. */
    public ReleaseWriter metric(String key, double value) {
        metrics.put(key, value);
        return this;
    }

    /** A free-form training detail (stored under {@code training} in the manifest). */
    public ReleaseWriter training(String key, Object value) {
        training.put(key, value);
        return this;
    }

    /**
     * Writes the bundle atomically (temp file + move) and returns the SHA-256 (hex) of the whole zip file, the value
     * that identifies the release on Kafka.
     */
    public String write(Path out) throws IOException {
        if (members.isEmpty()) {
            throw new IllegalStateException("a release needs at least one member");
        }
        if (preprocessing == null) {
            throw new IllegalStateException("a release needs its preprocessing");
        }
        if (tta == TestTimeAugmentation.HFLIP && preprocessing.mode() == PreprocessingMode.PER_PIXEL_STANDARDIZE) {
            throw new IllegalStateException("hflip test-time augmentation needs a mirror-symmetric preprocessing "
                    + "(SCALE or GLOBAL_STANDARDIZE)");
        }
        Instant created = (createdAt == null ? Instant.now() : createdAt).truncatedTo(ChronoUnit.SECONDS);
        ReleaseManifest m = new ReleaseManifest();
        for (PendingMember p : members) {
            if (!m.architectures.contains(p.architecture())) {
                m.architectures.add(p.architecture());
            }
        }
        m.releaseId = releaseId != null ? releaseId : String.join("+", m.architectures) + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(created);
        m.parentReleaseId = parentReleaseId;
        m.createdAt = DateTimeFormatter.ISO_INSTANT.format(created);
        m.ferstreamVersion = FerstreamVersion.get();
        m.memberCount = members.size();
        m.classes = new ArrayList<>(EmotionClasses.NAMES);
        m.inputShape = List.of(1, 48, 48);
        m.preprocessing = PREPROCESSING;
        m.testTimeAugmentation = tta;
        m.weightsDataType = weights.name();
        m.trainingData = trainingData;
        m.metrics.putAll(metrics);
        m.training.putAll(training);

        Map<String, byte[]> payload = new LinkedHashMap<>();
        payload.put(PREPROCESSING, preprocessing.toJson());
        payload.put(CLASSES, JSON.writeValueAsBytes(EmotionClasses.NAMES));
        for (int i = 0; i < members.size(); i++) {
            PendingMember p = members.get(i);
            String entry = String.format("members/%02d-%s.zip", i, p.architecture());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            MultiLayerNetwork stored = weights == org.nd4j.linalg.api.buffer.DataType.FLOAT ? p.net()
                    : p.net().convertDataType(weights);
            ModelSerializer.writeModel(stored, bytes, false);
            payload.put(entry, withFixedTimes(bytes.toByteArray(), created));
            ReleaseManifest.Member mm = new ReleaseManifest.Member();
            mm.entry = entry;
            mm.architecture = p.architecture();
            mm.parameters = p.net().numParams();
            mm.source = p.source();
            mm.metrics.putAll(p.metrics());
            m.members.add(mm);
        }
        payload.forEach((name, data) -> m.entries.put(name, sha256Hex(data)));

        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        FileTime time = FileTime.from(created);
        try (OutputStream fos = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(fos)) {
            putEntry(zip, MANIFEST, JSON.writeValueAsBytes(m), time);
            for (Map.Entry<String, byte[]> e : payload.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue(), time);
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return sha256Hex(Files.readAllBytes(out));
    }

    /** Re-packs a zip with every entry time set to {@code time}, so that equal content gives equal bytes. */
    static byte[] withFixedTimes(byte[] zipBytes, Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length + 1024);
        FileTime t = FileTime.from(time);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                putEntry(zip, e.getName(), in.readAllBytes(), t);
            }
        }
        return out.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] data, FileTime time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(time);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
