package io.ferstream.replay.evaluate;

import io.ferstream.model.charts.Charts;
import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.McNemarResult;
import io.ferstream.model.eval.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a replay's reports. One release: the model module's {@link ReportWriter} report (report.md, report.html,
 * metrics.json, confusion_matrix.png, reliability.png) straight into the output folder. Two releases: one such
 * report per release in a sub-folder named after it, plus {@code comparison.md}, {@code comparison.html} and
 * {@code comparison.png} (both accuracies, McNemar's test) in the output folder.
 */
public final class ReplayReport {

  public static final String COMPARISON_MD = "comparison.md";
  public static final String COMPARISON_HTML = "comparison.html";
  public static final String COMPARISON_PNG = "comparison.png";

  private ReplayReport() {}


  /**
   * @param metadata facts shown in every report (topic, range, engine...)
   * @return the report files (Markdown and HTML), first the comparison when there is one
   */
  public static List<Path> write(Path out, ReplayOutcome outcome, Map<String, String> metadata) throws IOException {
    Files.createDirectories(out);
    List<Path> written = new ArrayList<>();
    boolean single = outcome.results().size() == 1;
    for (int i = 0; i < outcome.results().size(); i++) {
      EvaluationResult r = outcome.results().get(i);
      Map<String, String> meta = new LinkedHashMap<>(metadata);
      meta.put("engine", outcome.engines().get(i));
      Path dir = single ? out : out.resolve(folderName(r.name()));
      ReportWriter.Report report = new ReportWriter(dir).write(r, "Replay of " + r.name() + " on "
          + metadata.getOrDefault("topic", "recorded crops"), meta);
      written.add(report.markdown());
      written.add(report.html());
    }
    if (outcome.comparison() != null) {
      EvaluationResult a = outcome.results().get(0);
      EvaluationResult b = outcome.results().get(1);
      Map<String, Double> acc = new LinkedHashMap<>();
      acc.put(a.name(), a.accuracy());
      acc.put(b.name(), b.accuracy());
      Charts.barChart("Accuracy on the same " + a.examples() + " replayed crops", "Accuracy", acc, Set.of(),
          out.resolve(COMPARISON_PNG));
      Path md = out.resolve(COMPARISON_MD);
      Files.writeString(md, comparisonMarkdown(a, b, outcome.comparison(), metadata));
      Path html = out.resolve(COMPARISON_HTML);
      Files.writeString(html, comparisonHtml(a, b, outcome.comparison(), metadata));
      written.add(0, html);
      written.add(0, md);
    }
    return written;
  }

  /** The command-line summary: each release's table, the replay's throughput and the comparison. */
  public static String console(ReplayOutcome o) {
    StringBuilder sb = new StringBuilder();
    Recording rec = o.recording();
    for (int i = 0; i < o.results().size(); i++) {
      sb.append(ReportWriter.consoleTable(o.results().get(i))).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "replayed %,d labelled crops (%,d records read: %,d unlabelled, %,d invalid, "
            + "%,d duplicate ids; %,d labels from labelled-feedback)%n", rec.size(), rec.recordsRead(),
        rec.unlabelled(), rec.invalid(), rec.duplicates(), rec.fromFeedback()));
    sb.append(String.format(Locale.ROOT, "throughput: read %.1f records/s, end to end %.1f crops/s", o.readRate(),
        o.endToEndRate()));
    for (EvaluationResult r : o.results()) {
      sb.append(String.format(Locale.ROOT, ", %s %.1f images/s", r.name(), r.examplesPerSecond()));
    }
    sb.append('\n');
    if (o.comparison() != null) {
      EvaluationResult a = o.results().get(0);
      EvaluationResult b = o.results().get(1);
      McNemarResult t = o.comparison();
      sb.append(String.format(Locale.ROOT, "%nA = %s: accuracy %.2f%%, macro-F1 %.4f%nB = %s: accuracy %.2f%%, "
              + "macro-F1 %.4f%n", a.name(), 100 * a.accuracy(), a.macroF1(), b.name(), 100 * b.accuracy(),
          b.macroF1()));
      sb.append(String.format(Locale.ROOT, "McNemar (%s): only A right %d, only B right %d, both right %d, both "
              + "wrong %d, p-value = %s%n", method(t), t.onlyACorrect(), t.onlyBCorrect(), t.bothCorrect(),
          t.bothWrong(), p(t.pValue())));
    }
    return sb.toString();
  }

  static String folderName(String releaseName) {
    return releaseName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String comparisonMarkdown(EvaluationResult a, EvaluationResult b, McNemarResult t,
      Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder("# Replay comparison: ").append(a.name()).append(" vs ").append(b.name())
        .append("\n\n| | |\n|---|---|\n");
    metadata.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
    sb.append("\n![accuracy](").append(COMPARISON_PNG).append(")\n\n");
    sb.append("| release | accuracy | macro-F1 | ECE | images/s | report |\n|---|---:|---:|---:|---:|---|\n");
    for (EvaluationResult r : List.of(a, b)) {
      sb.append(String.format(Locale.ROOT, "| %s | %.2f%% | %.4f | %.2f%% | %.1f | [report](%s/%s) |%n", r.name(),
          100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece(), r.examplesPerSecond(), folderName(r.name()),
          ReportWriter.MARKDOWN));
    }
    sb.append("\n## McNemar's test\n\n| | B right | B wrong |\n|---|---:|---:|\n");
    sb.append(String.format(Locale.ROOT, "| **A right** | %d | %d |%n| **A wrong** | %d | %d |%n%n", t.bothCorrect(),
        t.onlyACorrect(), t.onlyBCorrect(), t.bothWrong()));
    sb.append(String.format(Locale.ROOT, "A = %s, B = %s, on the same %,d crops. Test: %s; **p-value = %s**.%n%n",
        a.name(), b.name(), a.examples(), method(t), p(t.pValue())));
    sb.append("Only the crops on which the two releases disagree in correctness count; p < 0.05 means their error "
        + "rates differ significantly on these crops.\n");
    return sb.toString();
  }

  private static String comparisonHtml(EvaluationResult a, EvaluationResult b, McNemarResult t,
      Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>Replay comparison</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1000px;"
        + "margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        + "padding:4px 10px}th{background:#f3f6fa}td.n{text-align:right}img{max-width:100%}</style>\n</head>\n"
        + "<body>\n");
    sb.append("<h1>Replay comparison: ").append(h(a.name())).append(" vs ").append(h(b.name())).append("</h1>\n<table>\n");
    metadata.forEach((k, v) -> sb.append("<tr><th>").append(h(k)).append("</th><td>").append(h(v))
        .append("</td></tr>\n"));
    sb.append("</table>\n<img src=\"").append(COMPARISON_PNG).append("\" alt=\"accuracy\">\n<table>\n<tr><th>release"
        + "</th><th>accuracy</th><th>macro-F1</th><th>ECE</th><th>images/s</th><th>report</th></tr>\n");
    for (EvaluationResult r : List.of(a, b)) {
      sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%.2f%%</td><td class=\"n\">%.4f</td>"
              + "<td class=\"n\">%.2f%%</td><td class=\"n\">%.1f</td><td><a href=\"%s/%s\">report</a></td></tr>%n",
          h(r.name()), 100 * r.accuracy(), r.macroF1(), 100 * r.calibration().ece(), r.examplesPerSecond(),
          h(folderName(r.name())), ReportWriter.HTML));
    }
    sb.append("</table>\n<h2>McNemar's test</h2>\n<table>\n<tr><th></th><th>B right</th><th>B wrong</th></tr>\n");
    sb.append(String.format(Locale.ROOT, "<tr><th>A right</th><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>%n"
            + "<tr><th>A wrong</th><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>%n</table>%n", t.bothCorrect(),
        t.onlyACorrect(), t.onlyBCorrect(), t.bothWrong()));
    sb.append(String.format(Locale.ROOT, "<p>A = %s, B = %s, on the same %,d crops. Test: %s; <b>p-value = %s</b>."
        + "</p>%n</body>%n</html>%n", h(a.name()), h(b.name()), a.examples(), h(method(t)), p(t.pValue())));
    return sb.toString();
  }

  static String method(McNemarResult t) {
    return t.method() == McNemarResult.Method.EXACT_BINOMIAL ? "exact binomial"
        : String.format(Locale.ROOT, "chi-square with continuity correction, statistic %.3f", t.statistic());
  }

  /** A p-value as the model's reports print it. */
  public static String p(double p) {
    return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String h(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
