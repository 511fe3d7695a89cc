package io.ferstream.model.release;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.preprocess.Preprocessing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loaded and verified release bundle: its manifest, preprocessing and member networks. {@link #load} checks the
 * SHA-256 of every entry against the manifest, rejects missing, extra or duplicate entries, checks the class list
 * (exactly {@link EmotionClasses#NAMES}, in order), the input shape [1,48,48], the member count, and that each member
 * maps a [1,1,48,48] input to [1,6]. Any failure is an {@link InvalidReleaseException}.
 */
public final class ReleaseBundle {

    private static final long MAX_ENTRY_BYTES = 512L << 20;

    private final Path path;
    private final String sha256;
    private final ReleaseManifest manifest;
    private final Preprocessing preprocessing;
    private final List<MultiLayerNetwork> members;

    private ReleaseBundle(Path path, String sha256, ReleaseManifest manifest, Preprocessing preprocessing,
                          List<MultiLayerNetwork> members) {
        this.path = path;
        this.sha256 = sha256;
        this.manifest = manifest;
        this.preprocessing = preprocessing;
        this.members = Collections.unmodifiableList(members);
    }

    /** Loads and verifies a bundle file. */
    public static ReleaseBundle load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InvalidReleaseException("release bundle not found: " + path);
        }
        byte[] file = Files.readAllBytes(path);
        return load(path, file);
    }

    /** Loads and verifies a bundle held in memory (e.g. received over the network). */
    public static ReleaseBundle load(byte[] zipBytes) throws IOException {
        return load(null, zipBytes);
    }

    private static ReleaseBundle load(Path path, byte[] file) throws IOException {
        String where = path == null ? "release bundle" : "release bundle " + path;
        Map<String, byte[]> entries = readZip(file, where);
        byte[] manifestBytes = entries.remove(ReleaseWriter.MANIFEST);
        if (manifestBytes == null) {
            throw new InvalidReleaseException(where + " has no " + ReleaseWriter.MANIFEST);
        }
        ReleaseManifest m;
        try {
            m = ReleaseWriter.JSON.readValue(manifestBytes, ReleaseManifest.class);
        } catch (IOException e) {
            throw new InvalidReleaseException(where + ": unreadable manifest.json: " + e.getMessage(), e);
        }
        if (m.formatVersion != ReleaseManifest.FORMAT_VERSION) {
            throw new InvalidReleaseException(where + ": unsupported formatVersion " + m.formatVersion);
        }
        if (m.entries == null || m.entries.isEmpty()) {
            throw new InvalidReleaseException(where + ": manifest lists no entry checksums");
        }
        for (Map.Entry<String, String> e : m.entries.entrySet()) {
            byte[] data = entries.get(e.getKey());
            if (data == null) {
                throw new InvalidReleaseException(where + ": entry " + e.getKey() + " listed in the manifest is missing");
            }
            String actual = ReleaseWriter.sha256Hex(data);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new InvalidReleaseException(where + ": checksum mismatch for " + e.getKey() + " (manifest "
                        + e.getValue() + ", actual " + actual + ")");
            }
        }
        Set<String> extra = new HashSet<>(entries.keySet());
        extra.removeAll(m.entries.keySet());
        if (!extra.isEmpty()) {
            throw new InvalidReleaseException(where + ": entries not covered by the manifest: " + extra);
        }
        if (!EmotionClasses.NAMES.equals(m.classes)) {
            throw new InvalidReleaseException(where + ": class list " + m.classes + " is not " + EmotionClasses.NAMES);
        }
        byte[] classesJson = entries.get(ReleaseWriter.CLASSES);
        if (classesJson != null) {
            List<?> listed = ReleaseWriter.JSON.readValue(classesJson, List.class);
            if (!EmotionClasses.NAMES.equals(listed)) {
                throw new InvalidReleaseException(where + ": classes.json " + listed + " is not " + EmotionClasses.NAMES);
            }
        }
        if (!List.of(1, 48, 48).equals(m.inputShape)) {
            throw new InvalidReleaseException(where + ": input shape " + m.inputShape + " is not [1, 48, 48]");
        }
        if (m.members == null || m.members.isEmpty() || m.memberCount != m.members.size()) {
            throw new InvalidReleaseException(where + ": memberCount " + m.memberCount + " does not match "
                    + (m.members == null ? 0 : m.members.size()) + " members");
        }
        if (m.testTimeAugmentation == null) {
            throw new InvalidReleaseException(where + ": testTimeAugmentation missing");
        }
        byte[] preBytes = m.preprocessing == null ? null : entries.get(m.preprocessing);
        if (preBytes == null) {
            throw new InvalidReleaseException(where + ": preprocessing entry " + m.preprocessing + " missing");
        }
        Preprocessing pre;
        try {
            pre = Preprocessing.fromJson(preBytes);
        } catch (IOException | RuntimeException e) {
            throw new InvalidReleaseException(where + ": invalid preprocessing: " + e.getMessage(), e);
        }
        List<MultiLayerNetwork> nets = new ArrayList<>();
        INDArray probe = Nd4j.zeros(DataType.FLOAT, 1, 1, 48, 48);
        for (ReleaseManifest.Member member : m.members) {
            byte[] data = member.entry == null ? null : entries.get(member.entry);
            if (data == null) {
                throw new InvalidReleaseException(where + ": member entry " + member.entry + " missing");
            }
            MultiLayerNetwork net;
            try {
                net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(data), false);
                if (net.params().dataType() != DataType.FLOAT) {
                    net = net.convertDataType(DataType.FLOAT);
                }
                INDArray out = net.output(probe, false);
                if (out.rank() != 2 || out.size(0) != 1 || out.size(1) != EmotionClasses.COUNT) {
                    throw new InvalidReleaseException(where + ": member " + member.entry + " maps [1,1,48,48] to "
                            + java.util.Arrays.toString(out.shape()) + ", not [1,6]");
                }
            } catch (InvalidReleaseException e) {
                throw e;
            } catch (Exception e) {
                throw new InvalidReleaseException(where + ": member " + member.entry + " cannot be loaded: " + e, e);
            }
            nets.add(net);
        }
        return new ReleaseBundle(path, ReleaseWriter.sha256Hex(file), m, pre, nets);
    }

    private static Map<String, byte[]> readZip(byte[] file, String where) throws InvalidReleaseException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (entries.containsKey(e.getName())) {
                    throw new InvalidReleaseException(where + ": duplicate entry " + e.getName());
                }
                entries.put(e.getName(), readBounded(zip, e.getName(), where));
            }
        } catch (InvalidReleaseException e) {
            throw e;
        } catch (ZipException e) {
            throw new InvalidReleaseException(where + " is not a valid zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidReleaseException(where + " cannot be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new InvalidReleaseException(where + " is empty or not a zip file");
        }
        return entries;
    }

    private static byte[] readBounded(InputStream in, String name, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new InvalidReleaseException(where + ": entry " + name + " is larger than " + MAX_ENTRY_BYTES);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The file it was loaded from (null if loaded from bytes). */
    public Path path() {
        return path;
    }

    /** SHA-256 (hex) of the whole zip file: the release's identity on Kafka. */
    public String sha256() {
        return sha256;
    }

    public ReleaseManifest manifest() {
        return manifest;
    }

    public String releaseId() {
        return manifest.releaseId;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The member networks (not thread-safe; see {@link Ensemble}). */
    public List<MultiLayerNetwork> members() {
        return members;
    }
}
