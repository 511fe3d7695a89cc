package io.ferstream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.model.testing.Synthetic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Fer2013ReaderTest {

    private static final String HEADER = "emotion,pixels,Usage\n";

    @TempDir
    Path dir;

    private static String csv(String... rows) {
        return HEADER + String.join("\n", rows) + "\n";
    }

    private static String row(int emotion, int value, String usage) {
        return emotion + "," + Synthetic.pixels(2304, value) + "," + usage;
    }

    private static Fer2013Data read(Fer2013Reader reader, String text) throws IOException {
        return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadValidRowsWithUsageFilter() throws IOException {
        String text = csv(row(0, 10, "Training"), row(3, 20, "PublicTest"), row(6, 30, "Training"),
                row(5, 40, "PrivateTest"));
        Fer2013Data all = read(Fer2013Reader.defaults(), text);
        assertThat(all.size()).isEqualTo(4);
        assertThat(all.label(1)).isEqualTo(2);
        assertThat(all.ferLabel(1)).isEqualTo(3);
        assertThat(all.usage(3)).isEqualTo(Usage.PRIVATE_TEST);
        assertThat(all.lineNumber(0)).isEqualTo(2);

        Fer2013Data training = read(Fer2013Reader.builder().usages(Usage.TRAINING).build(), text);
        assertThat(training.size()).isEqualTo(2);
        assertThat(training.labels()).containsExactly(0, 5);
        assertThat(training.image(1)).containsOnly((byte) 30);
        assertThat(training.pixels()).hasSize(2 * 2304);
        assertThat(all.subset(Usage.TRAINING).sha256()).isEqualTo(training.sha256());
    }

    @Test
    void shouldReadGzipAndPlainFilesAlike(@TempDir Path tmp) throws IOException {
        Path plain = Synthetic.csv(tmp.resolve("f.csv"), 9, 3, 1, false);
        Path gz = Synthetic.csv(tmp.resolve("f.csv.gz"), 9, 3, 1, true);
        Fer2013Data a = Fer2013Reader.defaults().read(plain);
        Fer2013Data b = Fer2013Reader.defaults().read(gz);
        assertThat(b.size()).isEqualTo(12);
        assertThat(b.pixels()).isEqualTo(a.pixels());
        assertThat(b.sha256()).isEqualTo(a.sha256());
        assertThat(b.subset(Usage.PUBLIC_TEST).size()).isEqualTo(3);
        assertThat(b.sha256(Usage.TRAINING)).isNotEqualTo(b.sha256(Usage.PUBLIC_TEST));
    }

    @Test
    void shouldDropDisgustByDefaultAndMergeItIntoAngryWhenAsked() throws IOException {
        String text = csv(row(1, 1, "Training"), row(0, 2, "Training"), row(2, 3, "Training"));
        Fer2013Data dropped = read(Fer2013Reader.defaults(), text);
        assertThat(dropped.size()).isEqualTo(2);
        assertThat(dropped.droppedDisgust()).isEqualTo(1);
        assertThat(dropped.labels()).containsExactly(0, 1);

        Fer2013Data merged = read(Fer2013Reader.builder().disgustPolicy(DisgustPolicy.MERGE_INTO_ANGRY).build(), text);
        assertThat(merged.size()).isEqualTo(3);
        assertThat(merged.labels()).containsExactly(0, 0, 1);
        assertThat(merged.ferLabel(0)).isEqualTo(1);
        assertThat(merged.sha256()).isNotEqualTo(dropped.sha256());
    }

    @Test
    void shouldHashExactlyTheRowsUsed() throws IOException {
        String a = csv(row(0, 10, "Training"), row(3, 20, "Training"));
        String b = csv(row(0, 10, "Training"), row(3, 21, "Training"));
        assertThat(read(Fer2013Reader.defaults(), a).sha256()).isEqualTo(read(Fer2013Reader.defaults(), a).sha256())
                .isNotEqualTo(read(Fer2013Reader.defaults(), b).sha256());
        String rows = row(0, 10, "Training") + "\n" + row(3, 20, "Training") + "\n";
        assertThat(read(Fer2013Reader.defaults(), a).sha256()).isEqualTo(sha256(rows));
        assertThat(read(Fer2013Reader.builder().limitPerUsage(1).build(), a).sha256())
                .isEqualTo(sha256(row(0, 10, "Training") + "\n"));
    }

    @Test
    void shouldAcceptCrLfLineEndingsAndQuotedPixels() throws IOException {
        String text = HEADER.replace("\n", "\r\n") + "4,\"" + Synthetic.pixels(2304, 7) + "\",Training\r\n";
        Fer2013Data d = read(Fer2013Reader.defaults(), text);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.label(0)).isEqualTo(3);
    }

    @Test
    void shouldLimitRowsPerUsageButStillValidateTheRest() throws IOException {
        String text = csv(row(0, 1, "Training"), row(0, 2, "Training"), row(0, 3, "PublicTest"), "9,1 2,Training");
        Fer2013Reader limited = Fer2013Reader.builder().limit(Usage.TRAINING, 1).build();
        assertThatThrownBy(() -> read(limited, text)).isInstanceOf(Fer2013FormatException.class)
                .hasMessageContaining("line 5");
        Fer2013Data d = read(limited, csv(row(0, 1, "Training"), row(0, 2, "Training"), row(0, 3, "PublicTest")));
        assertThat(d.size()).isEqualTo(2);
    }

    static Stream<Arguments> malformedRows() {
        String ok = Synthetic.pixels(2304, 5);
        return Stream.of(
                Arguments.of("0," + ok, "expected 3 comma-separated fields"),
                Arguments.of("0," + ok + ",Training,extra", "expected 3 comma-separated fields"),
                Arguments.of("x," + ok + ",Training", "emotion 'x' is not an integer"),
                Arguments.of("7," + ok + ",Training", "emotion 7 is outside 0..6"),
                Arguments.of("-1," + ok + ",Training", "emotion -1 is outside 0..6"),
                Arguments.of("0," + Synthetic.pixels(2303, 5) + ",Training", "expected 2304 pixels but found 2303"),
                Arguments.of("0," + Synthetic.pixels(2305, 5) + ",Training", "expected 2304 pixels but found 2305"),
                Arguments.of("0,256 " + Synthetic.pixels(2303, 5) + ",Training", "pixel 1 is 256, outside 0..255"),
                Arguments.of("0,1 -3 " + Synthetic.pixels(2302, 5) + ",Training", "pixel 2 '-3' is not an integer"),
                Arguments.of("0,1 2.5 " + Synthetic.pixels(2302, 5) + ",Training", "pixel 2 '2.5' is not an integer"),
                Arguments.of("0,1 a " + Synthetic.pixels(2302, 5) + ",Training", "pixel 2 'a' is not an integer"),
                Arguments.of("0,,Training", "expected 2304 pixels but found 0"),
                Arguments.of("0," + ok + ",Validation", "unknown Usage 'Validation'"),
                Arguments.of("0," + ok + ",", "unknown Usage ''"),
                Arguments.of("", "empty line"));
    }

    @ParameterizedTest
    @MethodSource("malformedRows")
    void shouldRejectMalformedRowNamingItsLine(String bad, String problem) {
        String text = csv(row(0, 1, "Training"), row(2, 2, "PublicTest"), bad, row(3, 3, "Training"));
        assertThatThrownBy(() -> read(Fer2013Reader.defaults(), text))
                .isInstanceOfSatisfying(Fer2013FormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(4))
                .hasMessageStartingWith("line 4: ")
                .hasMessageContaining(problem);
    }

    @Test
    void shouldRejectMalformedRowsOfUnselectedSplitsToo() {
        String text = csv(row(0, 1, "Training"), "0,1 2 3,PublicTest");
        Fer2013Reader trainingOnly = Fer2013Reader.builder().usages(Usage.TRAINING).build();
        assertThatThrownBy(() -> read(trainingOnly, text)).hasMessageContaining("line 3");
    }

    @Test
    void shouldRejectBadHeaderAndEmptyFile() {
        assertThatThrownBy(() -> read(Fer2013Reader.defaults(), "label,pixels,usage\n"))
                .isInstanceOf(Fer2013FormatException.class).hasMessageStartingWith("line 1: expected the header");
        assertThatThrownBy(() -> read(Fer2013Reader.defaults(), ""))
                .isInstanceOf(Fer2013FormatException.class).hasMessageStartingWith("line 1: empty file");
    }

    @Test
    void shouldRejectTruncatedGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(csv(row(0, 1, "Training"), row(0, 2, "Training")).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(all, all.length / 2);
        assertThatThrownBy(() -> Fer2013Reader.defaults().read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldReadTheRealFer2013WhenPresent() throws IOException {
        Path real = Path.of(System.getProperty("ferstream.repo.root", "..")).resolve("../shared/fer2013/fer2013-train-publictest.csv.gz");
        Assumptions.assumeTrue(Files.isRegularFile(real), "FER2013 data not present at " + real);
        Fer2013Data all = Fer2013Reader.defaults().read(real);
        Fer2013Data train = all.subset(Usage.TRAINING);
        Fer2013Data test = all.subset(Usage.PUBLIC_TEST);
        // README: 28,709 Training rows of which 436 Disgust; 3,589 PublicTest of which 56 Disgust.
        assertThat(train.size()).isEqualTo(28_709 - 436);
        assertThat(test.size()).isEqualTo(3_589 - 56);
        assertThat(train.classCounts()).containsExactly(3995, 4097, 7215, 4830, 3171, 4965);
        assertThat(all.droppedDisgust()).isEqualTo(436 + 56);
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private static List<byte[]> images(int n) {
        Random r = new Random(1);
        return Stream.generate(() -> Synthetic.image(r.nextInt(3), r)).limit(n).toList();
    }
}
