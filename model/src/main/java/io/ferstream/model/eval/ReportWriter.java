package io.ferstream.model.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.model.charts.Charts;

/**
 * Writes an {@link EvaluationResult} as a report folder: {@code report.md}, {@code report.html} (both referencing
 * the PNGs next to them), {@code metrics.json}, {@code confusion_matrix.png}, {@code reliability.png} and, for an
 * ensemble, {@code members.png}. Also renders the console table. Usable for any evaluation (CSV or Kafka replay).
 */
public final class ReportWriter {

    /** File names inside the output folder. */
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    public static final String JSON = "metrics.json";
    public static final String CONFUSION_PNG = "confusion_matrix.png";
    public static final String RELIABILITY_PNG = "reliability.png";
    public static final String MEMBERS_PNG = "members.png";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outDir;

    /** @param outDir the folder to write into (created if missing; existing report files are overwritten) */
    public ReportWriter(Path outDir) {
        this.outDir = outDir;
    }

    /** The files of a written report. */
    public record Report(Path markdown, Path html, Path json, List<Path> charts) {
    }

    /**
     * Writes the report.
     *
     * @param title    report title, e.g. "Release 2024-05-01 on FER2013 PublicTest"
     * @param metadata extra facts shown at the top and stored in metrics.json (release id, data file, usage...)
     */
    public Report write(EvaluationResult result, String title, Map<String, String> metadata) throws IOException {
        Files.createDirectories(outDir);
        List<Path> charts = new ArrayList<>();
        Path cm = outDir.resolve(CONFUSION_PNG);
        Charts.confusionMatrix(result.confusion().counts(), result.classNames(),
                "Confusion matrix - " + result.name() + " (n=" + String.format(Locale.ROOT, "%,d", result.examples())
                        + ")", cm);
        charts.add(cm);
        Path rel = outDir.resolve(RELIABILITY_PNG);
        Charts.reliabilityDiagram(result.calibration(), "Reliability diagram - " + result.name(), rel);
        charts.add(rel);
        if (!result.members().isEmpty()) {
            Map<String, Double> acc = new LinkedHashMap<>();
            for (MemberComparison m : result.members()) {
                acc.put(m.name(), m.result().accuracy());
            }
            acc.put(result.name(), result.accuracy());
            Path members = outDir.resolve(MEMBERS_PNG);
            Charts.barChart("Accuracy: members vs " + result.name(), "Accuracy", acc, Set.of(result.name()), members);
            charts.add(members);
        }
        Path md = outDir.resolve(MARKDOWN);
        Files.writeString(md, markdown(result, title, metadata));
        Path html = outDir.resolve(HTML);
        Files.writeString(html, html(result, title, metadata));
        Path json = outDir.resolve(JSON);
        MAPPER.writeValue(json.toFile(), json(result, metadata));
        return new Report(md, html, json, charts);
    }

    // ------------------------------------------------------------------------------------------------ console

    /** A plain-text summary: headline, per-class table, confusion counts, members against the ensemble. */
    public static String consoleTable(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %,d examples: accuracy %.2f%%, macro-F1 %.4f, ECE %.2f%%%s%n",
                r.name(), r.examples(), 100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece(),
                r.seconds() > 0 ? String.format(Locale.ROOT, ", %.1f images/s", r.examplesPerSecond()) : ""));
        int w = Math.max(10, r.classNames().stream().mapToInt(String::length).max().orElse(5) + 2);
        sb.append('\n').append(String.format(Locale.ROOT, "%-" + w + "s %9s %9s %9s %9s %9s%n", "class", "precision",
                "recall", "F1", "support", "predicted"));
        for (ClassMetrics c : r.perClass()) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %9.4f %9.4f %9.4f %9d %9d%n", c.name(), c.precision(),
                    c.recall(), c.f1(), c.support(), c.predicted()));
        }
        sb.append('\n').append("confusion matrix (rows = true, columns = predicted)\n");
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", ""));
        for (String name : r.classNames()) {
            sb.append(String.format(Locale.ROOT, " %9s", abbreviate(name, 9)));
        }
        sb.append('\n');
        int[][] counts = r.confusion().counts();
        for (int t = 0; t < counts.length; t++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", r.classNames().get(t)));
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format(Locale.ROOT, " %9d", counts[t][p]));
            }
            sb.append('\n');
        }
        if (!r.members().isEmpty()) {
            int mw = Math.max(Math.max(12, r.name().length() + 2),
                    r.members().stream().mapToInt(m -> m.name().length()).max().orElse(8) + 2);
            sb.append('\n').append(String.format(Locale.ROOT, "%-" + mw + "s %9s %9s %8s %8s %8s %10s%n", "model",
                    "accuracy", "macro-F1", "ECE", "only m", "only ens", "McNemar p"));
            sb.append(String.format(Locale.ROOT, "%-" + mw + "s %8.2f%% %9.4f %7.2f%% %8s %8s %10s%n", r.name(),
                    100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece(), "", "", ""));
            for (MemberComparison m : r.members()) {
                McNemarResult t = m.vsEnsemble();
                sb.append(String.format(Locale.ROOT, "%-" + mw + "s %8.2f%% %9.4f %7.2f%% %8d %8d %10s%n", m.name(),
                        100 * m.result().accuracy(), m.result().macroF1(), 100 * m.result().calibration().ece(),
                        t.onlyACorrect(), t.onlyBCorrect(), formatP(t.pValue())));
            }
        }
        return sb.toString();
    }

    // ----------------------------------------------------------------------------------------------- markdown

    static String markdown(EvaluationResult r, String title, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        if (!metadata.isEmpty()) {
            sb.append("| | |\n|---|---|\n");
            metadata.forEach((k, v) -> sb.append("| ").append(md(k)).append(" | ").append(md(v)).append(" |\n"));
            sb.append('\n');
        }
        sb.append("## Summary\n\n");
        sb.append("| metric | value |\n|---|---:|\n");
        summary(r).forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Per class\n\n| class | precision | recall | F1 | support | predicted |\n|---|---:|---:|---:|---:|---:|\n");
        for (ClassMetrics c : r.perClass()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d | %d |%n", md(c.name()), c.precision(),
                    c.recall(), c.f1(), c.support(), c.predicted()));
        }
        sb.append("\nPrecision of a class that was never predicted is reported as 0.\n");
        sb.append("\n## Confusion matrix\n\n![confusion matrix](").append(CONFUSION_PNG).append(")\n\n");
        sb.append("Rows are the true class, columns the predicted class.\n\n| true \\ predicted |");
        for (String c : r.classNames()) {
            sb.append(' ').append(md(c)).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(r.classNames().size())).append('\n');
        int[][] counts = r.confusion().counts();
        double[][] norm = r.confusion().rowNormalised();
        for (int t = 0; t < counts.length; t++) {
            sb.append("| **").append(md(r.classNames().get(t))).append("** |");
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format(Locale.ROOT, " %d (%.1f%%) |", counts[t][p], 100 * norm[t][p]));
            }
            sb.append('\n');
        }
        sb.append("\n## Calibration\n\n![reliability diagram](").append(RELIABILITY_PNG).append(")\n\n");
        sb.append(String.format(Locale.ROOT, "Expected calibration error %.2f%%, maximum calibration error %.2f%% "
                + "(%d equal-width confidence bins).%n", 100 * r.calibration().ece(), 100 * r.calibration().mce(),
                r.calibration().bins().size()));
        if (!r.members().isEmpty()) {
            sb.append("\n## Members against the ensemble\n\n![members](").append(MEMBERS_PNG).append(")\n\n");
            sb.append("| model | accuracy | macro-F1 | ECE | only member right | only ensemble right | McNemar test | p-value |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---|---:|\n");
            sb.append(String.format(Locale.ROOT, "| **%s** | **%.2f%%** | **%.4f** | %.2f%% | | | | |%n", md(r.name()),
                    100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece()));
            for (MemberComparison m : r.members()) {
                McNemarResult t = m.vsEnsemble();
                sb.append(String.format(Locale.ROOT, "| %s | %.2f%% | %.4f | %.2f%% | %d | %d | %s | %s |%n",
                        md(m.name()), 100 * m.result().accuracy(), m.result().macroF1(),
                        100 * m.result().calibration().ece(), t.onlyACorrect(), t.onlyBCorrect(), method(t),
                        formatP(t.pValue())));
            }
            sb.append("\nMcNemar's test uses only the examples on which the member and the ensemble disagree in "
                    + "correctness; p < 0.05 means their error rates differ significantly on this set.\n");
        }
        return sb.toString();
    }

    // --------------------------------------------------------------------------------------------------- html

    static String html(EvaluationResult r, String title, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(h(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px}\n")
                .append("th{background:#f3f6fa}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("img{max-width:100%;border:1px solid #eee}h1{font-size:1.6em}caption{text-align:left;color:#555}\n")
                .append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(h(title)).append("</h1>\n");
        if (!metadata.isEmpty()) {
            sb.append("<table>\n");
            metadata.forEach((k, v) -> sb.append("<tr><th>").append(h(k)).append("</th><td>").append(h(v))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        sb.append("<h2>Summary</h2>\n<table>\n");
        summary(r).forEach((k, v) -> sb.append("<tr><th>").append(h(k)).append("</th><td class=\"n\">").append(h(v))
                .append("</td></tr>\n"));
        sb.append("</table>\n<h2>Per class</h2>\n<table>\n<tr><th>class</th><th>precision</th><th>recall</th>"
                + "<th>F1</th><th>support</th><th>predicted</th></tr>\n");
        for (ClassMetrics c : r.perClass()) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%.4f</td><td class=\"n\">%.4f</td>"
                    + "<td class=\"n\">%.4f</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>%n", h(c.name()),
                    c.precision(), c.recall(), c.f1(), c.support(), c.predicted()));
        }
        sb.append("</table>\n<p>Precision of a class that was never predicted is reported as 0.</p>\n");
        sb.append("<h2>Confusion matrix</h2>\n<img src=\"").append(CONFUSION_PNG).append("\" alt=\"confusion matrix\">\n");
        sb.append("<table>\n<caption>rows: true class, columns: predicted class</caption>\n<tr><th></th>");
        for (String c : r.classNames()) {
            sb.append("<th>").append(h(c)).append("</th>");
        }
        sb.append("</tr>\n");
        int[][] counts = r.confusion().counts();
        double[][] norm = r.confusion().rowNormalised();
        for (int t = 0; t < counts.length; t++) {
            sb.append("<tr><th>").append(h(r.classNames().get(t))).append("</th>");
            for (int p = 0; p < counts.length; p++) {
                int alpha = (int) Math.round(norm[t][p] * 100);
                sb.append(String.format(Locale.ROOT, "<td class=\"n\" style=\"background:rgba(33,113,181,%.2f)%s\">"
                        + "%d<br><small>%.1f%%</small></td>", alpha / 100.0 * 0.85,
                        norm[t][p] > 0.5 ? ";color:#fff" : "", counts[t][p], 100 * norm[t][p]));
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Calibration</h2>\n<img src=\"").append(RELIABILITY_PNG)
                .append("\" alt=\"reliability diagram\">\n");
        sb.append(String.format(Locale.ROOT, "<p>Expected calibration error %.2f%%, maximum calibration error %.2f%% "
                + "(%d equal-width confidence bins).</p>%n", 100 * r.calibration().ece(), 100 * r.calibration().mce(),
                r.calibration().bins().size()));
        if (!r.members().isEmpty()) {
            sb.append("<h2>Members against the ensemble</h2>\n<img src=\"").append(MEMBERS_PNG)
                    .append("\" alt=\"member accuracy\">\n<table>\n<tr><th>model</th><th>accuracy</th><th>macro-F1</th>"
                            + "<th>ECE</th><th>only member right</th><th>only ensemble right</th><th>McNemar test</th>"
                            + "<th>p-value</th></tr>\n");
            sb.append(String.format(Locale.ROOT, "<tr><th>%s</th><td class=\"n\"><b>%.2f%%</b></td><td class=\"n\">"
                    + "<b>%.4f</b></td><td class=\"n\">%.2f%%</td><td></td><td></td><td></td><td></td></tr>%n",
                    h(r.name()), 100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece()));
            for (MemberComparison m : r.members()) {
                McNemarResult t = m.vsEnsemble();
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%.2f%%</td><td class=\"n\">%.4f</td>"
                        + "<td class=\"n\">%.2f%%</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>%s</td>"
                        + "<td class=\"n\">%s</td></tr>%n", h(m.name()), 100 * m.result().accuracy(),
                        m.result().macroF1(), 100 * m.result().calibration().ece(), t.onlyACorrect(), t.onlyBCorrect(),
                        h(method(t)), h(formatP(t.pValue()))));
            }
            sb.append("</table>\n<p>McNemar's test uses only the examples on which the member and the ensemble "
                    + "disagree in correctness; p &lt; 0.05 means their error rates differ significantly on this set.</p>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    // --------------------------------------------------------------------------------------------------- json

    static ObjectNode json(EvaluationResult r, Map<String, String> metadata) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        metadata.forEach(meta::put);
        scores(root, r);
        ArrayNode classes = root.putArray("classes");
        r.classNames().forEach(classes::add);
        ArrayNode per = root.putArray("perClass");
        for (ClassMetrics c : r.perClass()) {
            per.addObject().put("class", c.name()).put("precision", c.precision()).put("recall", c.recall())
                    .put("f1", c.f1()).put("support", c.support()).put("predicted", c.predicted());
        }
        ArrayNode cm = root.putArray("confusionMatrix");
        for (int[] row : r.confusion().counts()) {
            ArrayNode a = cm.addArray();
            for (int v : row) {
                a.add(v);
            }
        }
        ArrayNode cmn = root.putArray("confusionMatrixRowNormalised");
        for (double[] row : r.confusion().rowNormalised()) {
            ArrayNode a = cmn.addArray();
            for (double v : row) {
                a.add(v);
            }
        }
        ArrayNode bins = root.putArray("reliabilityBins");
        for (ReliabilityBin b : r.calibration().bins()) {
            bins.addObject().put("lower", b.lower()).put("upper", b.upper()).put("count", b.count())
                    .put("meanConfidence", b.meanConfidence()).put("accuracy", b.accuracy());
        }
        ArrayNode members = root.putArray("members");
        for (MemberComparison m : r.members()) {
            ObjectNode o = members.addObject();
            o.put("name", m.name());
            scores(o, m.result());
            McNemarResult t = m.vsEnsemble();
            o.putObject("mcnemarVsEnsemble").put("onlyMemberCorrect", t.onlyACorrect())
                    .put("onlyEnsembleCorrect", t.onlyBCorrect()).put("bothCorrect", t.bothCorrect())
                    .put("bothWrong", t.bothWrong()).put("method", t.method().name())
                    .put("statistic", t.statistic()).put("pValue", t.pValue());
        }
        return root;
    }

    private static void scores(ObjectNode o, EvaluationResult r) {
        o.put("name", r.name()).put("examples", r.examples()).put("accuracy", r.accuracy())
                .put("macroF1", r.macroF1()).put("macroRecall", r.macroRecall()).put("ece", r.calibration().ece())
                .put("mce", r.calibration().mce()).put("seconds", r.seconds())
                .put("examplesPerSecond", r.examplesPerSecond());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> summary(EvaluationResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", r.name());
        m.put("examples", String.format(Locale.ROOT, "%,d", r.examples()));
        m.put("accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * r.accuracy()));
        m.put("macro-F1", String.format(Locale.ROOT, "%.4f", r.macroF1()));
        m.put("macro recall (balanced accuracy)", String.format(Locale.ROOT, "%.4f", r.macroRecall()));
        m.put("expected calibration error", String.format(Locale.ROOT, "%.2f%%", 100 * r.calibration().ece()));
        if (r.seconds() > 0) {
            m.put("prediction throughput", String.format(Locale.ROOT, "%.1f images/s", r.examplesPerSecond()));
        }
        return m;
    }

    private static String method(McNemarResult t) {
        return t.method() == McNemarResult.Method.EXACT_BINOMIAL ? "exact binomial"
                : String.format(Locale.ROOT, "chi2 = %.3f (corrected)", t.statistic());
    }

    static String formatP(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    private static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
