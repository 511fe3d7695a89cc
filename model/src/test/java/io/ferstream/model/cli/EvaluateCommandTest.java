package io.ferstream.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.ReleaseWriter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    /** A FER2013-format CSV of random crops: {@code n} PublicTest rows, labels cycling over 0, 2..6, plus 2 Training rows. */
    private Path csv(int n) throws IOException {
        Random rnd = new Random(1);
        int[] fer = {0, 2, 3, 4, 5, 6};
        StringBuilder sb = new StringBuilder("emotion,pixels,Usage\n");
        for (int i = 0; i < n + 2; i++) {
            sb.append(fer[i % fer.length]).append(',');
            for (int p = 0; p < 2304; p++) {
                sb.append(p == 0 ? "" : " ").append(rnd.nextInt(256));
            }
            sb.append(',').append(i < 2 ? "Training" : "PublicTest").append('\n');
        }
        return Files.writeString(dir.resolve("fer2013.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    private Path release() throws IOException {
        return release("test-release", 1, 2);
    }

    private Path release(String id, long firstSeed, long lastSeed) throws IOException {
        ReleaseWriter w = ReleaseWriter.builder().releaseId(id).preprocessing(Preprocessing.scaleOnly());
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            MultiLayerNetwork net = new MultiLayerNetwork(Architectures.REF4.configuration(seed, new Adam(1e-3)));
            net.init();
            w.addMember(net, "ref4", Map.of(), "seed " + seed);
        }
        Path bundle = dir.resolve(id + ".zip");
        w.write(bundle);
        return bundle;
    }

    /** Runs {@code ferstream evaluate} with {@code args}; asserts it exits 0 and returns its standard output. */
    private static String evaluate(String... args) {
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isZero();
        return stdout.toString();
    }

    @Test
    void shouldEvaluateReleaseAndWriteReport() throws IOException {
        Path out = dir.resolve("report");
        String stdout = evaluate("--release", release().toString(), "--data", csv(30).toString(), "--usage",
                "PublicTest", "--out", out.toString(), "--limit", "20", "--batch-size", "8");

        assertThat(stdout).contains("test-release on 20 examples", "McNemar p", "00-ref4", "01-ref4");
        for (String f : new String[] {"report.md", "report.html", "metrics.json", "confusion_matrix.png",
            "reliability.png", "members.png"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(json.get("examples").asInt()).isEqualTo(20);
        assertThat(json.get("members")).hasSize(2);
        assertThat(json.get("classes")).hasSize(6);
        assertThat(json.get("metadata").get("split").asText()).isEqualTo("PublicTest");
    }

    @Test
    void shouldCompareWithASecondReleaseOnTheSameRows() throws IOException {
        Path out = dir.resolve("report");
        String stdout = evaluate("--release", release().toString(), "--data", csv(30).toString(), "--out",
                out.toString(), "--limit", "20", "--batch-size", "8", "--compare-with",
                release("other", 3, 3).toString());

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        String compared = json.get("metadata").get("compared with").asText();
        assertThat(compared).startsWith("test-release ").contains(" against other ", "McNemar p = ");
        assertThat(stdout).contains(compared);
        // the counts are those of the two results: b + c discordant rows out of 20, each side's own accuracy
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("test-release ([0-9.]+)% against other ([0-9.]+)%: (\\d+) rows right only with test-release, "
                        + "(\\d+) only with other").matcher(compared);
        assertThat(m.find()).as(compared).isTrue();
        double accA = Double.parseDouble(m.group(1)) / 100;
        double accB = Double.parseDouble(m.group(2)) / 100;
        int onlyA = Integer.parseInt(m.group(3));
        int onlyB = Integer.parseInt(m.group(4));
        assertThat(Math.round((accA - accB) * 20)).as("b - c = (acc A - acc B) x rows").isEqualTo(onlyA - onlyB);
    }
}
