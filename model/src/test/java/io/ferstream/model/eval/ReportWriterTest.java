package io.ferstream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private static EvaluationResult ensembleResult() {
        EvaluatorTest.FakeEnsemble ensemble = new EvaluatorTest.FakeEnsemble();
        return new Evaluator(List.of("A", "B", "C"), 4, 10).evaluate("ensemble", ensemble,
                EvaluatorTest.examples().iterator());
    }

    @Test
    void shouldWriteMarkdownHtmlJsonAndCharts() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("release", "r1 <test>");
        ReportWriter.Report report = new ReportWriter(dir).write(ensembleResult(), "Test report", meta);

        assertThat(report.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly(ReportWriter.CONFUSION_PNG, ReportWriter.RELIABILITY_PNG, ReportWriter.MEMBERS_PNG);
        for (Path png : report.charts()) {
            assertThat(ImageIO.read(png.toFile())).isNotNull();
        }
        String md = Files.readString(report.markdown());
        assertThat(md).contains("# Test report", "](confusion_matrix.png)", "](reliability.png)", "](members.png)",
                "| m1 |", "66.67%");
        String html = Files.readString(report.html());
        assertThat(html).contains("<img src=\"confusion_matrix.png\"", "<img src=\"members.png\"",
                "r1 &lt;test&gt;").doesNotContain("r1 <test>");

        JsonNode json = new ObjectMapper().readTree(report.json().toFile());
        assertThat(json.get("accuracy").asDouble()).isEqualTo(4.0 / 6);
        assertThat(json.get("examples").asInt()).isEqualTo(6);
        assertThat(json.get("confusionMatrix")).hasSize(3);
        assertThat(json.get("perClass").get(0).get("class").asText()).isEqualTo("A");
        assertThat(json.get("members")).hasSize(2);
        assertThat(json.get("members").get(0).get("mcnemarVsEnsemble").get("pValue").asDouble()).isEqualTo(1.0);
        assertThat(json.get("metadata").get("release").asText()).isEqualTo("r1 <test>");
    }

    @Test
    void shouldRenderConsoleTable() {
        String table = ReportWriter.consoleTable(ensembleResult());
        assertThat(table).contains("ensemble on 6 examples: accuracy 66.67%", "precision", "confusion matrix",
                "McNemar p", "m1", "m2");
    }

    @Test
    void shouldSkipMembersChartForSinglePredictor() throws IOException {
        EvaluationResult single = EvaluationResult.of("solo", List.of("A", "B"), new int[] {0, 1},
                new float[][] {{0.9f, 0.1f}, {0.3f, 0.7f}}, 10, 0);
        ReportWriter.Report report = new ReportWriter(dir).write(single, "solo", Map.of());
        assertThat(report.charts()).hasSize(2);
        assertThat(Files.readString(report.markdown())).doesNotContain("members.png");
    }
}
