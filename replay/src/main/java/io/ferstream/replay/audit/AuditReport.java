package io.ferstream.replay.audit;

import io.ferstream.model.charts.Charts;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.McNemarResult;
import io.ferstream.replay.evaluate.ReplayReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders an {@link AuditResult}: a table for the command line, and {@code audit.md}, {@code audit.html},
 * {@code accuracy_per_hour.png} and {@code class_mix_per_hour.png} in an output folder.
 */
public final class AuditReport {

  public static final String MARKDOWN = "audit.md";
  public static final String HTML = "audit.html";
  public static final String ACCURACY_PNG = "accuracy_per_hour.png";
  public static final String CLASS_MIX_PNG = "class_mix_per_hour.png";

  private AuditReport() {}

  /** Writes the report files; returns the Markdown and HTML paths. */
  public static List<Path> write(Path out, AuditResult r, Map<String, String> metadata) throws IOException {
    Files.createDirectories(out);
    if (!r.hours().isEmpty()) {
      charts(out, r);
    }
    Path md = out.resolve(MARKDOWN);
    Files.writeString(md, markdown(r, metadata));
    Path html = out.resolve(HTML);
    Files.writeString(html, html(r, metadata));
    return List.of(md, html);
  }

  private static void charts(Path out, AuditResult r) {
    long first = r.hours().get(0).hourStart();
    TreeSet<String> releases = new TreeSet<>();
    r.hours().forEach(h -> releases.addAll(h.labelled().keySet()));
    Map<String, double[][]> accuracy = new LinkedHashMap<>();
    if (releases.size() > 1) {
      for (String rel : releases) {
        accuracy.put(rel, series(r, first, h -> {
          long l = h.labelled().getOrDefault(rel, 0L);
          return l == 0 ? Double.NaN : (double) h.correct().getOrDefault(rel, 0L) / l;
        }));
      }
    }
    // Last in the map is drawn first (JFreeChart's reverse series order): the per-release lines stay visible.
    accuracy.put("all releases", series(r, first, h -> h.accuracy()));
    String x = "hours since " + Instant.ofEpochMilli(first) + " (UTC)";
    Charts.lineChart("Live accuracy per hour", x, "accuracy", accuracy, out.resolve(ACCURACY_PNG), false, true);
    Map<String, double[][]> mix = new LinkedHashMap<>();
    for (int c = 0; c < EmotionClasses.COUNT; c++) {
      int cls = c;
      mix.put(EmotionClasses.name(c), series(r, first, h -> h.events() == 0 ? Double.NaN
          : (double) h.classMix()[cls] / h.events()));
    }
    Charts.lineChart("Predicted class mix per hour", x, "share of events", mix, out.resolve(CLASS_MIX_PNG), false,
        true);
  }

  private static double[][] series(AuditResult r, long first, java.util.function.ToDoubleFunction<AuditResult.HourRow> f) {
    List<double[]> points = new ArrayList<>();
    for (AuditResult.HourRow h : r.hours()) {
      double y = f.applyAsDouble(h);
      if (!Double.isNaN(y)) {
        points.add(new double[] {(h.hourStart() - first) / 3_600_000.0, y});
      }
    }
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }

  /** The command-line table. */
  public static String console(AuditResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "audit of events from %s to %s: %,d live events, %,d with ground truth%n",
        Instant.ofEpochMilli(r.from()), Instant.ofEpochMilli(r.to()), r.liveEvents(), r.liveLabelled()));
    sb.append(String.format(Locale.ROOT, "%n%-32s %9s %9s %9s %9s %8s%n", "live release", "events", "labelled",
        "accuracy", "macro-F1", "ECE"));
    r.releaseEvents().forEach((rel, n) -> {
      EvaluationResult e = r.releases().get(rel);
      sb.append(e == null ? String.format(Locale.ROOT, "%-32s %9d %9d %9s %9s %8s%n", rel, n, 0, "-", "-", "-")
          : String.format(Locale.ROOT, "%-32s %9d %9d %8.2f%% %9.4f %7.2f%%%n", rel, n, e.examples(),
              100 * e.accuracy(), e.macroF1(), 100 * e.calibration().ece()));
    });
    if (r.shadowEvents() > 0) {
      sb.append(String.format(Locale.ROOT, "%n%-32s %9s %9s %9s %9s %8s%n", "shadow release", "", "labelled",
          "accuracy", "macro-F1", "ECE"));
      r.shadow().forEach((rel, e) -> sb.append(String.format(Locale.ROOT, "%-32s %9s %9d %8.2f%% %9.4f %7.2f%%%n",
          rel, "", e.examples(), 100 * e.accuracy(), e.macroF1(), 100 * e.calibration().ece())));
      AuditResult.Paired p = r.paired();
      sb.append(String.format(Locale.ROOT, "live vs shadow on %,d crops both scored: %.2f%% agree", p.crops(),
          100 * p.agreement()));
      if (p.test() != null) {
        sb.append(String.format(Locale.ROOT, "; on %,d labelled: live %.2f%%, shadow %.2f%%, McNemar p-value = %s",
            p.labelled(), 100 * p.live(), 100 * p.shadow(), ReplayReport.p(p.test().pValue())));
      }
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%n%-20s %8s %9s %9s%n", "hour (UTC)", "events", "labelled", "accuracy"));
    for (AuditResult.HourRow h : r.hours()) {
      long l = h.labelled().values().stream().mapToLong(Long::longValue).sum();
      sb.append(String.format(Locale.ROOT, "%-20s %8d %9d %9s%n", hour(h.hourStart()), h.events(), l,
          pct(h.accuracy())));
    }
    sb.append(String.format(Locale.ROOT, "%n%-32s %8s %9s %9s%n", "session", "events", "labelled", "accuracy"));
    for (AuditResult.SessionRow s : r.sessions()) {
      sb.append(String.format(Locale.ROOT, "%-32s %8d %9d %9s%n", s.sessionId(), s.events(), s.labelled(),
          pct(s.accuracy())));
    }
    return sb.toString();
  }

  static String markdown(AuditResult r, Map<String, String> metadata) {
    StringBuilder sb = new StringBuilder("# Live accuracy audit\n\n| | |\n|---|---|\n");
    metadata.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
    sb.append(String.format(Locale.ROOT, "%n%,d live events from %s to %s, %,d with ground truth.%n",
        r.liveEvents(), Instant.ofEpochMilli(r.from()), Instant.ofEpochMilli(r.to()), r.liveLabelled()));
    sb.append("\n## Per release\n\n| release | events | labelled | accuracy | macro-F1 | ECE |\n"
        + "|---|---:|---:|---:|---:|---:|\n");
    r.releaseEvents().forEach((rel, n) -> {
      EvaluationResult e = r.releases().get(rel);
      sb.append(e == null ? String.format(Locale.ROOT, "| %s | %d | 0 | | | |%n", rel, n)
          : String.format(Locale.ROOT, "| %s | %d | %d | %.2f%% | %.4f | %.2f%% |%n", rel, n, e.examples(),
              100 * e.accuracy(), e.macroF1(), 100 * e.calibration().ece()));
    });
    if (r.shadowEvents() > 0) {
      sb.append("\n## Shadow release\n\n| shadow release | labelled | accuracy | macro-F1 | ECE |\n"
          + "|---|---:|---:|---:|---:|\n");
      r.shadow().forEach((rel, e) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.4f | %.2f%% |%n",
          rel, e.examples(), 100 * e.accuracy(), e.macroF1(), 100 * e.calibration().ece())));
      AuditResult.Paired p = r.paired();
      sb.append(String.format(Locale.ROOT, "%nOn the %,d crops both scored the live and shadow releases agree on "
          + "%.2f%%.", p.crops(), 100 * p.agreement()));
      if (p.test() != null) {
        McNemarResult t = p.test();
        sb.append(String.format(Locale.ROOT, " On the %,d of them with ground truth: live %.2f%%, shadow %.2f%%; "
                + "only live right %d, only shadow right %d; McNemar p-value = %s.", p.labelled(), 100 * p.live(),
            100 * p.shadow(), t.onlyACorrect(), t.onlyBCorrect(), ReplayReport.p(t.pValue())));
      }
      sb.append('\n');
    }
    sb.append("\n## Drift per hour\n\n![accuracy per hour](").append(ACCURACY_PNG)
        .append(")\n\n![class mix per hour](").append(CLASS_MIX_PNG).append(")\n\n| hour (UTC) | events | labelled | "
            + "accuracy |");
    EmotionClasses.NAMES.forEach(c -> sb.append(' ').append(c).append(" |"));
    sb.append("\n|---|---:|---:|---:|").append("---:|".repeat(EmotionClasses.COUNT)).append('\n');
    for (AuditResult.HourRow h : r.hours()) {
      long l = h.labelled().values().stream().mapToLong(Long::longValue).sum();
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |", hour(h.hourStart()), h.events(), l,
          pct(h.accuracy())));
      for (long c : h.classMix()) {
        sb.append(' ').append(pct(h.events() == 0 ? Double.NaN : (double) c / h.events())).append(" |");
      }
      sb.append('\n');
    }
    sb.append("\nClass mix: share of the hour's live events predicted as each class.\n");
    sb.append("\n## Per session\n\n| session | events | labelled | accuracy | releases |\n|---|---:|---:|---:|---|\n");
    for (AuditResult.SessionRow s : r.sessions()) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", s.sessionId().replace("|", "\\|"),
          s.events(), s.labelled(), pct(s.accuracy()), String.join(", ", s.releases())));
    }
    return sb.toString();
  }

  static String html(AuditResult r, Map<String, String> metadata) {
    // The Markdown tables, rendered: one converter for the few constructs used here keeps both in step.
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>Live accuracy audit</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1100px;"
        + "margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        + "padding:4px 10px}th{background:#f3f6fa}img{max-width:100%}</style>\n</head>\n<body>\n");
    boolean inTable = false;
    boolean header = false;
    for (String line : markdown(r, metadata).split("\n")) {
      if (line.startsWith("|")) {
        if (line.matches("\\|[-:|]+\\|")) {
          continue;
        }
        String body = line.substring(1, line.length() - 1);
        if (!inTable) {
          sb.append("<table>\n");
          inTable = true;
          header = true;
        }
        if (body.replace("|", "").isBlank()) {
          header = false; // the metadata table's empty header
          continue;
        }
        String cellTag = header ? "th" : "td";
        header = false;
        sb.append("<tr>");
        for (String cell : body.split("(?<!\\\\)\\|")) {
          sb.append('<').append(cellTag).append('>').append(h(cell.trim().replace("\\|", "|"))).append("</")
              .append(cellTag).append('>');
        }
        sb.append("</tr>\n");
        continue;
      }
      if (inTable) {
        sb.append("</table>\n");
        inTable = false;
      }
      if (line.startsWith("# ")) {
        sb.append("<h1>").append(h(line.substring(2))).append("</h1>\n");
      } else if (line.startsWith("## ")) {
        sb.append("<h2>").append(h(line.substring(3))).append("</h2>\n");
      } else if (line.startsWith("![")) {
        String alt = line.substring(2, line.indexOf(']'));
        String src = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        sb.append("<img src=\"").append(h(src)).append("\" alt=\"").append(h(alt)).append("\">\n");
      } else if (!line.isBlank()) {
        sb.append("<p>").append(h(line)).append("</p>\n");
      }
    }
    if (inTable) {
      sb.append("</table>\n");
    }
    return sb.append("</body>\n</html>\n").toString();
  }

  private static String hour(long ms) {
    return Instant.ofEpochMilli(ms).toString().substring(0, 13) + ":00";
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  private static String h(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
