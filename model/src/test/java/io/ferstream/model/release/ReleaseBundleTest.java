package io.ferstream.model.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.testing.Synthetic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

class ReleaseBundleTest {

    @TempDir
    static Path dir;

    static MultiLayerNetwork netA;
    static MultiLayerNetwork netB;
    static Preprocessing pre = Preprocessing.global(0.5f, 0.25f);
    static Path bundle;
    static String sha;

    @BeforeAll
    static void writeBundle() throws IOException {
        netA = new MultiLayerNetwork(Architectures.get("ref4").configuration(1, new Adam(1e-3)));
        netA.init();
        netB = new MultiLayerNetwork(Architectures.get("ref4").configuration(2, new Adam(1e-3)));
        netB.init();
        bundle = dir.resolve("r.zip");
        sha = writer(TestTimeAugmentation.NONE).write(bundle);
    }

    static ReleaseWriter writer(TestTimeAugmentation tta) {
        return ReleaseWriter.builder().releaseId("test-1").parentReleaseId("test-0")
                .createdAt(Instant.parse("2026-01-02T03:04:05Z")).preprocessing(pre).testTimeAugmentation(tta)
                .trainingData("ab".repeat(32), 123, "DROP", "synthetic")
                .addMember(netA, "ref4", Map.of("publictest.accuracy", 0.5), "a")
                .addMember(netB, "ref4", Map.of("publictest.accuracy", 0.25), "b")
                .metric("publictest.accuracy", 0.75);
    }

    static byte[][] crops(int n) {
        Random r = new Random(3);
        byte[][] c = new byte[n][];
        for (int i = 0; i < n; i++) {
            c[i] = Synthetic.image(i % 3, r);
        }
        return c;
    }

    @Test
    void shouldRoundTripWithIdenticalOutputs() throws IOException {
        Ensemble e = Ensemble.load(bundle);
        assertThat(e.sha256()).isEqualTo(sha).isEqualTo(ReleaseWriter.sha256Hex(Files.readAllBytes(bundle)));
        assertThat(e.memberCount()).isEqualTo(2);
        assertThat(e.classes()).isEqualTo(EmotionClasses.NAMES);
        assertThat(e.preprocessing()).isEqualTo(pre);

        byte[][] crops = crops(5);
        INDArray x = pre.toInput(crops);
        INDArray expected = netA.output(x, false).add(netB.output(x, false)).div(2);
        assertThat(e.predict(x)).isEqualTo(expected);
        float[][] p = e.predictProbabilities(crops);
        assertThat(p).hasNumberOfRows(5);
        for (int i = 0; i < 5; i++) {
            for (int c = 0; c < 6; c++) {
                assertThat(p[i][c]).isEqualTo(expected.getFloat(i, c));
            }
        }
        float[][][] members = e.memberProbabilities(crops);
        assertThat(members).hasDimensions(2, 5);
        assertThat(members[1][2][4]).isEqualTo(netB.output(x, false).getFloat(2, 4));
        assertThat(e.predictMember(0, x)).isEqualTo(netA.output(x, false));
        assertThat(e.predictProbabilities(new byte[0][])).isEmpty();
    }

    @Test
    void shouldWriteACompleteManifest() throws IOException {
        ReleaseManifest m = ReleaseBundle.load(bundle).manifest();
        assertThat(m.releaseId).isEqualTo("test-1");
        assertThat(m.parentReleaseId).isEqualTo("test-0");
        assertThat(m.createdAt).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(m.architectures).containsExactly("ref4");
        assertThat(m.memberCount).isEqualTo(2);
        assertThat(m.classes).isEqualTo(EmotionClasses.NAMES);
        assertThat(m.inputShape).containsExactly(1, 48, 48);
        assertThat(m.trainingData.sha256).isEqualTo("ab".repeat(32));
        assertThat(m.metrics).containsEntry("publictest.accuracy", 0.75);
        assertThat(m.members.get(1).metrics).containsEntry("publictest.accuracy", 0.25);
        assertThat(m.members.get(0).parameters).isEqualTo(389_002L);
        assertThat(m.ferstreamVersion).isNotBlank();
        assertThat(m.entries).containsKeys("preprocessing.json", "classes.json", "members/00-ref4.zip",
                "members/01-ref4.zip");
        // Same inputs, same bytes.
        Path again = dir.resolve("again.zip");
        assertThat(writer(TestTimeAugmentation.NONE).write(again)).isEqualTo(sha);
    }

    @Test
    void shouldGiveTheSameProbabilitiesOnSameDiff() throws IOException {
        Path f = dir.resolve("tta-sd.zip");
        writer(TestTimeAugmentation.HFLIP).write(f);
        Ensemble dl4j = Ensemble.load(f);
        Ensemble sameDiff = dl4j.onSameDiff();
        byte[][] crops = crops(300); // more than one inference batch (256)

        assertThat(dl4j.engine()).isEqualTo("dl4j");
        assertThat(sameDiff.engine()).isEqualTo("samediff");
        float[][][] a = dl4j.memberProbabilities(crops);
        float[][][] b = sameDiff.memberProbabilities(crops);
        for (int m = 0; m < a.length; m++) {
            for (int i = 0; i < crops.length; i++) {
                for (int c = 0; c < a[m][i].length; c++) {
                    assertThat(b[m][i][c]).isCloseTo(a[m][i][c], org.assertj.core.api.Assertions.within(1e-5f));
                }
            }
        }
        assertThat(sameDiff.predictProbabilities(crops)[7][2])
                .isCloseTo(dl4j.predictProbabilities(crops)[7][2], org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void shouldAverageOverMirrorsWithHflipTta() throws IOException {
        Path f = dir.resolve("tta.zip");
        writer(TestTimeAugmentation.HFLIP).write(f);
        Ensemble e = Ensemble.load(f);
        byte[][] crops = crops(3);
        INDArray x = pre.toInput(crops);
        INDArray xf = pre.toInput(crops, true);
        INDArray a = netA.output(x, false).addi(netA.output(xf, false)).divi(2);
        INDArray b = netB.output(x, false).addi(netB.output(xf, false)).divi(2);
        INDArray expected = a.addi(b).divi(2);
        assertThat(e.predict(x).equalsWithEps(expected, 1e-6)).isTrue();
        assertThat(e.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.HFLIP);
    }

    @Test
    void shouldStoreHalfPrecisionWeightsAndServeThemInFloat() throws IOException {
        Path f = dir.resolve("half.zip");
        writer(TestTimeAugmentation.NONE).weightsDataType(org.nd4j.linalg.api.buffer.DataType.HALF).write(f);
        assertThat(Files.size(f)).isLessThan(Files.size(bundle) * 6 / 10);
        Ensemble e = Ensemble.load(f);
        assertThat(e.manifest().weightsDataType).isEqualTo("HALF");
        INDArray x = pre.toInput(crops(4));
        INDArray expected = netA.output(x, false).add(netB.output(x, false)).div(2);
        INDArray actual = e.predict(x);
        assertThat(actual.dataType()).isEqualTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertThat(actual.equalsWithEps(expected, 2e-3)).isTrue();
    }

    @Test
    void shouldRejectATamperedMember() throws IOException {
        Path bad = rewrite("tampered.zip", Map.of("members/01-ref4.zip", bytes -> {
            byte[] c = bytes.clone();
            c[c.length / 2] ^= 1;
            return c;
        }));
        assertThatThrownBy(() -> Ensemble.load(bad)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("checksum mismatch for members/01-ref4.zip");
    }

    @Test
    void shouldRejectAWrongClassListOrInputShape() throws IOException {
        Path classes = rewrite("classes.zip", Map.of("manifest.json", manifest(m -> {
            ((ArrayNode) m.get("classes")).remove(5);
            return m;
        })));
        assertThatThrownBy(() -> ReleaseBundle.load(classes)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("class list");
        Path swapped = rewrite("swapped.zip", Map.of("manifest.json", manifest(m -> {
            ArrayNode c = (ArrayNode) m.get("classes");
            c.set(0, c.get(1).deepCopy());
            c.set(1, new com.fasterxml.jackson.databind.node.TextNode("Angry"));
            return m;
        })));
        assertThatThrownBy(() -> ReleaseBundle.load(swapped)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("class list");
        Path shape = rewrite("shape.zip", Map.of("manifest.json", manifest(m -> {
            ((ArrayNode) m.get("inputShape")).set(1, new com.fasterxml.jackson.databind.node.IntNode(64));
            return m;
        })));
        assertThatThrownBy(() -> ReleaseBundle.load(shape)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("input shape");
    }

    @Test
    void shouldRejectExtraMissingAndNonZipContent() throws IOException {
        Path extra = rewrite("extra.zip", Map.of("evil.txt", b -> new byte[] {1}));
        assertThatThrownBy(() -> ReleaseBundle.load(extra)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("not covered by the manifest");
        Path missing = rewrite("missing.zip", Map.of("preprocessing.json", b -> null));
        assertThatThrownBy(() -> ReleaseBundle.load(missing)).isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("preprocessing.json");
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> ReleaseBundle.load(junk)).isInstanceOf(InvalidReleaseException.class);
        assertThatThrownBy(() -> ReleaseBundle.load(dir.resolve("absent.zip"))).isInstanceOf(InvalidReleaseException.class);
    }

    private static UnaryOperator<byte[]> manifest(UnaryOperator<ObjectNode> edit) {
        return bytes -> {
            try {
                ObjectNode m = (ObjectNode) ReleaseWriter.JSON.readTree(bytes);
                return ReleaseWriter.JSON.writeValueAsBytes(edit.apply(m));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Copies the bundle, transforming (null = removing) or adding entries. */
    private static Path rewrite(String name, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(bundle)))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        for (Map.Entry<String, UnaryOperator<byte[]>> edit : edits.entrySet()) {
            byte[] v = edit.getValue().apply(entries.get(edit.getKey()));
            if (v == null) {
                entries.remove(edit.getKey());
            } else {
                entries.put(edit.getKey(), v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path f = dir.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }
}
