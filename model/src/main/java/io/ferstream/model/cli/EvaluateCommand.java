package io.ferstream.model.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.model.eval.Calibration;
import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.Evaluator;
import io.ferstream.model.eval.LabelledExample;
import io.ferstream.model.eval.McNemarResult;
import io.ferstream.model.eval.ReleaseEnsemblePredictor;
import io.ferstream.model.eval.ReportWriter;
import io.ferstream.model.release.Ensemble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferstream evaluate}: scores a release bundle on a FER2013 split: accuracy, macro-F1, per-class
 * precision/recall/F1, confusion matrix, calibration, and every member alone against the ensemble (McNemar); prints a
 * table and writes report.md, report.html, metrics.json and the PNGs into {@code --out}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a release bundle on FER2013 and write a Markdown/HTML/JSON report with charts.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--release", required = true, paramLabel = "BUNDLE", description = "Release bundle (zip).")
    Path release;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "fer2013.csv or fer2013.csv.gz.")
    Path data;

    @Option(names = "--usage", defaultValue = "PublicTest",
            description = "Split to evaluate: Training, PublicTest or PrivateTest (default: ${DEFAULT-VALUE}).")
    String usage;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (created).")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N rows of the split (0 = all).")
    int limit;

    @Option(names = "--batch-size", defaultValue = "256", description = "Crops per prediction call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--bins", defaultValue = "" + Calibration.DEFAULT_BINS,
            description = "Confidence bins of the reliability diagram (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--disgust", defaultValue = "DROP",
            description = "FER2013 Disgust rows: DROP or MERGE_INTO_ANGRY (default: ${DEFAULT-VALUE}).")
    DisgustPolicy disgust;

    @Option(names = "--engine", defaultValue = "samediff",
            description = "How the members run: samediff (SameDiff graphs, checked against DL4J at load; falls back to "
                    + "dl4j if they differ) or dl4j (MultiLayerNetwork.output) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--compare-with", paramLabel = "BUNDLE",
            description = "Also score this release on the same rows and compare the two (McNemar's test on the rows "
                    + "exactly one of them gets right), e.g. a candidate against the default release.")
    Path compareWith;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        PrintWriter stderr = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        Usage split = Usage.parse(usage);

        if (!engine.equalsIgnoreCase("samediff") && !engine.equalsIgnoreCase("dl4j")) {
            stderr.printf("unknown --engine %s (samediff or dl4j)%n", engine);
            return 2;
        }
        stderr.printf("loading release %s%n", release);
        Ensemble ensemble = loadOnEngine(release);
        stderr.printf("members run on %s%n", ensemble.engine());
        stderr.printf(Locale.ROOT, "reading %s (%s%s)%n", data, split.csvName(), limit > 0 ? ", first " + limit : "");
        Fer2013Data rows = Fer2013Reader.builder().usages(split).disgustPolicy(disgust).limit(split, limit).build()
                .read(data);
        if (rows.size() == 0) {
            stderr.printf("no %s rows in %s%n", split.csvName(), data);
            return 2;
        }
        int total = rows.size();
        int step = Math.max(batchSize, total / 10);
        int[] nextReport = {step};
        Evaluator evaluator = new Evaluator(ensemble.classes(), batchSize, bins).onProgress(done -> {
            if (done >= nextReport[0] || done == total) {
                stderr.printf(Locale.ROOT, "  %,d / %,d%n", done, total);
                stderr.flush();
                nextReport[0] += step;
            }
        });
        EvaluationResult result = evaluator.evaluate(ensemble.releaseId(), new ReleaseEnsemblePredictor(ensemble),
                LabelledExample.from(rows, 0));

        stdout.println(ReportWriter.consoleTable(result));
        String comparison = null;
        if (compareWith != null) {
            stderr.printf("loading release %s to compare with%n", compareWith);
            Ensemble other = loadOnEngine(compareWith);
            nextReport[0] = step;
            // a fresh iterator over the same rows (one is used up by the first evaluation)
            EvaluationResult otherResult = evaluator.evaluate(other.releaseId(), new ReleaseEnsemblePredictor(other),
                    LabelledExample.from(rows, 0));
            comparison = comparison(result, otherResult);
            stdout.println(comparison);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("release", ensemble.releaseId());
        meta.put("release sha256", ensemble.sha256());
        meta.put("bundle", release.toString());
        meta.put("members", Integer.toString(ensemble.memberCount()));
        meta.put("test-time augmentation", String.valueOf(ensemble.testTimeAugmentation()));
        meta.put("engine", ensemble.engine() + " (nd4j-native binary " + io.ferstream.common.runtime.NativeBinary.current() + ")");
        meta.put("data", data.toString());
        meta.put("split", split.csvName());
        meta.put("rows", Integer.toString(total) + (limit > 0 ? " (limit " + limit + ")" : ""));
        meta.put("data sha256", rows.sha256());
        meta.put("disgust policy", disgust.name());
        meta.put("evaluated at", Instant.now().toString());
        if (comparison != null) {
            meta.put("compared with", comparison);
        }
        ReportWriter.Report report = new ReportWriter(out).write(result,
                "Evaluation of " + ensemble.releaseId() + " on FER2013 " + split.csvName(), meta);
        stdout.printf("report: %s%n        %s%n        %s%n", report.markdown(), report.html(), report.json());
        stdout.flush();
        return 0;
    }

    /** The bundle, its members on the engine {@code --engine} names (validated by the caller). */
    private Ensemble loadOnEngine(Path bundle) throws java.io.IOException {
        Ensemble e = Ensemble.load(bundle);
        return engine.equalsIgnoreCase("samediff") ? e.onSameDiff() : e;
    }

    /** One line: both accuracies, the rows only one of them gets right, McNemar's p-value. */
    static String comparison(EvaluationResult a, EvaluationResult b) {
        McNemarResult t = a.compareWith(b);
        return String.format(Locale.ROOT, "%s %.2f%% against %s %.2f%%: %d rows right only with %s, %d only with %s; "
                        + "McNemar p = %.3g (%s)", a.name(), 100 * a.accuracy(), b.name(), 100 * b.accuracy(),
                t.onlyACorrect(), a.name(), t.onlyBCorrect(), b.name(), t.pValue(),
                t.significantAt(0.05) ? "significant at 5%" : "not significant at 5%");
    }
}
