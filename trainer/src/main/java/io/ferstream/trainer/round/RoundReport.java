package io.ferstream.trainer.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferstream.model.charts.Charts;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.eval.ConfusionMatrix;
import io.ferstream.trainer.gate.GateDecision;
import io.ferstream.trainer.gate.GateScores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a round's report into its directory: {@code report.md} (the decision and its numbers), {@code round.json}
 * (the same, for tools), {@code curves.png} (each member's loss and accuracy per epoch), and on the holdout the
 * confusion matrices of the current release and the candidate plus {@code confusion-change.png} (their difference).
 */
public final class RoundReport {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RoundReport() {}

  public static void write(RoundOutcome o, GateScores holdout, GateScores feedback, List<MemberTrainer.Trained> trained)
      throws IOException {
    Path dir = o.reportDir();
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("round", o.round());
    json.put("status", o.status().name());
    json.put("parentReleaseId", o.parentReleaseId());
    json.put("candidateReleaseId", o.candidateReleaseId());
    json.put("promoted", o.promoted());
    json.put("feedbackTrain", o.feedbackTrain());
    json.put("feedbackHeldBack", o.feedbackHeldBack());
    json.put("baseReplay", o.baseReplay());
    json.put("trainSeconds", o.trainSeconds());
    json.put("gateSeconds", o.gateSeconds());
    json.put("skipReason", o.skipReason());
    StringBuilder md = new StringBuilder("# Retraining round ").append(o.round()).append("\n\n");
    md.append("Parent release: `").append(o.parentReleaseId()).append("`\n\n");
    if (o.status() == RoundOutcome.Status.SKIPPED) {
      md.append("Skipped: ").append(o.skipReason()).append(".\n");
    } else {
      GateDecision d = o.decision();
      json.put("decision", d);
      md.append("Candidate: `").append(o.candidateReleaseId()).append("` - **")
          .append(d.promote() ? "PROMOTED" : "REJECTED").append("**\n\n");
      md.append(String.format(Locale.ROOT, "Trained on %d feedback + %d base images in %.1f s; scored in %.1f s.%n%n",
          o.feedbackTrain(), o.baseReplay(), o.trainSeconds(), o.gateSeconds()));
      md.append("| set | examples | current | candidate | change |\n|---|---:|---:|---:|---:|\n");
      md.append(row("fixed holdout", holdout.size(), d.holdoutCurrent(), d.holdoutCandidate()));
      md.append(row("held-back feedback", feedback.size(), d.feedbackCurrent(), d.feedbackCandidate()));
      md.append(String.format(Locale.ROOT, "%nMcNemar p on held-back feedback: %.4g%n%n", d.feedbackPValue()));
      if (!d.reasons().isEmpty()) {
        md.append("Rejected because:\n\n");
        d.reasons().forEach(r -> md.append("- ").append(r).append('\n'));
        md.append('\n');
      }
      List<String> classes = EmotionClasses.NAMES;
      int k = classes.size();
      int[][] cur = ConfusionMatrix.of(holdout.truth(), holdout.current(), k).counts();
      int[][] cand = ConfusionMatrix.of(holdout.truth(), holdout.candidate(), k).counts();
      json.put("holdoutConfusionCurrent", cur);
      json.put("holdoutConfusionCandidate", cand);
      if (holdout.size() > 0) {
        Charts.confusionMatrix(cur, classes, "Holdout, current " + o.parentReleaseId(),
            dir.resolve("confusion-current.png"));
        Charts.confusionMatrix(cand, classes, "Holdout, candidate " + o.candidateReleaseId(),
            dir.resolve("confusion-candidate.png"));
        ConfusionChangeChart.write(cur, cand, classes, "Holdout confusion change, round " + o.round(),
            dir.resolve("confusion-change.png"));
        md.append("![confusion change](confusion-change.png)\n\n![current](confusion-current.png) "
            + "![candidate](confusion-candidate.png)\n\n");
      }
      if (!trained.isEmpty()) {
        Map<String, double[][]> loss = new LinkedHashMap<>();
        Map<String, double[][]> acc = new LinkedHashMap<>();
        List<Map<String, Object>> curves = new java.util.ArrayList<>();
        for (int m = 0; m < trained.size(); m++) {
          List<EpochPoint> c = trained.get(m).curve();
          double[] x = c.stream().mapToDouble(EpochPoint::epoch).toArray();
          loss.put("member " + (m + 1), Charts.series(x, c.stream().mapToDouble(EpochPoint::loss).toArray()));
          acc.put("member " + (m + 1), Charts.series(x, c.stream().mapToDouble(EpochPoint::accuracy).toArray()));
          curves.add(Map.of("member", m + 1, "architecture", trained.get(m).architecture(), "epochs", c));
        }
        json.put("curves", curves);
        Charts.trainingCurves("Round " + o.round() + " training (sampled batches)", "epoch", loss, acc,
            dir.resolve("curves.png"));
        md.append("![training curves](curves.png)\n");
      }
    }
    Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    Files.write(dir.resolve("round.json"), JSON.writeValueAsBytes(json));
  }

  private static String row(String name, int n, double cur, double cand) {
    return String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %+.2f pp |%n", name, n, 100 * cur, 100 * cand,
        100 * (cand - cur));
  }
}
