package io.ferstream.replay.cli;

import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.inference.Nd4jRuntime;
import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.topics.Topics;
import io.ferstream.replay.config.ReplayConfig;
import io.ferstream.replay.evaluate.CropRecordingReader;
import io.ferstream.replay.evaluate.EnginePredictor;
import io.ferstream.replay.evaluate.FeedbackLabels;
import io.ferstream.replay.evaluate.LabelPolicy;
import io.ferstream.replay.evaluate.Recording;
import io.ferstream.replay.evaluate.ReleaseLoader;
import io.ferstream.replay.evaluate.ReplayEvaluator;
import io.ferstream.replay.evaluate.ReplayOutcome;
import io.ferstream.replay.evaluate.ReplayReport;
import io.ferstream.replay.range.OffsetRange;
import io.ferstream.replay.range.RangeBound;
import io.ferstream.replay.range.RangeResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferstream replay evaluate}: re-scores recorded, labelled crops with one or two releases through the
 * classifier's inference path and writes the offline evaluation's report; with two releases, McNemar's test.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Re-scores recorded face crops that have ground truth (their own label, or labelled-feedback "
        + "joined on crop id) with one or two releases, through the classifier's inference engines.",
        "Prints accuracy, macro-F1, per-class precision/recall, the confusion matrix, calibration (ECE) and the "
            + "replay's throughput; with two releases also McNemar's test of their difference. Writes report.md, "
            + "report.html, metrics.json and PNG charts into --out.",
        "Example: ferstream replay evaluate --from earliest --to latest --release default --release candidate.zip"})
public final class ReplayEvaluateCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Topic of recorded FaceCrops (default: key topic.face.crops, face-crops).")
  String topic;

  @Option(names = "--from", paramLabel = "T|OFFSET", defaultValue = "earliest",
      description = "Start (inclusive): earliest, an ISO-8601 time (2026-11-29T16:00:00Z), -PT2H, an offset (1200) or "
          + "per partition (0:1200,1:1180) (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--to", paramLabel = "T|OFFSET", defaultValue = "latest",
      description = "End (exclusive), same forms; latest = the end when the replay starts (default: ${DEFAULT-VALUE}).")
  String to;

  @Option(names = "--release", paramLabel = "R", required = true,
      description = "Release to score with: default, a bundle zip or folder, or a bundle id in the default release "
          + "folder. Give it twice to compare two releases (McNemar's test, A = first).")
  List<String> releases;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "replay-report",
      description = "Report folder (created; default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--labels", paramLabel = "SOURCE",
      description = "Ground truth: auto (feedback, else the crop's label), crop or feedback (key replay.labels; "
          + "default auto).")
  String labels;

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "auto, samediff or dl4j, as the classifier's --engine (key inference.engine; default auto).")
  String engine;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Crops per inference call (key replay.batch.size; default 256, as offline evaluate).")
  Integer batchSize;

  /** Loads the releases; tests replace it with engines whose predictions they know. */
  interface ReleaseSource {
    io.ferstream.classifier.inference.InferenceEngine load(String release) throws Exception;
  }

  ReleaseSource releaseSource;

  ReplayConfig settings() {
    return config
        .put(ReplayConfig.LABELS, labels)
        .put(ReplayConfig.INFERENCE_ENGINE, engine)
        .put(ReplayConfig.BATCH_SIZE, batchSize)
        .build(ReplayConfig.configDef(), ReplayConfig::new);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (releases.size() > 2) {
      stderr.println("give --release once, or twice to compare two releases");
      return 2;
    }
    ReplayConfig settings = settings();
    String cropsTopic = topic != null ? topic : settings.faceCropsTopic();
    Instant now = Instant.now();
    RangeBound fromBound = RangeBound.parse(from, now);
    RangeBound toBound = RangeBound.parse(to, now);
    LabelPolicy policy = LabelPolicy.parse(settings.labels());
    EngineKind engineKind = EngineKind.parse(settings.inferenceEngine());
    Topics topics = Topics.from(settings);

    Recording recording;
    OffsetRange range;
    try (KafkaConsumer<byte[], byte[]> consumer = KafkaReading.consumer(settings, "evaluate")) {
      range = new RangeResolver(consumer, settings.pollTimeout(), settings.timeSlack()).resolve(cropsTopic, fromBound, toBound);
      stderr.printf(Locale.ROOT, "reading %s (%,d offsets)%n", range.describe(), range.size());
      stderr.flush();
      long t0 = System.nanoTime();
      FeedbackLabels feedback = policy.needsFeedback()
          ? FeedbackLabels.read(consumer, settings.labelledFeedbackTopic(),
              topics.labelledFeedback().valueSerde().deserializer(), id -> true, settings.pollTimeout())
          : FeedbackLabels.none();
      double feedbackSeconds = (System.nanoTime() - t0) / 1e9;
      recording = new CropRecordingReader(topics.faceCrops().valueSerde().deserializer(), policy,
          settings.maxRecords(), settings.pollTimeout()).read(consumer, range, feedback, feedbackSeconds);
    }
    stderr.printf(Locale.ROOT, "%,d labelled crops of %,d records (%,d unlabelled, %,d invalid, %,d duplicates)%n",
        recording.size(), recording.recordsRead(), recording.unlabelled(), recording.invalid(),
        recording.duplicates());
    if (recording.size() == 0) {
      stderr.println("nothing to evaluate: no labelled crops in the range (try --labels, --from, --to)");
      return 2;
    }

    Nd4jRuntime.configure(settings.inferenceThreads());
    ReleaseSource loader = releaseSource != null ? releaseSource
        : new ReleaseLoader(settings.releaseDefaultPath(), engineKind, settings.releaseFetchTimeout())::load;
    List<EnginePredictor> predictors = new ArrayList<>();
    try {
      for (String r : releases) {
        stderr.printf("loading release %s (engine %s)%n", r, engineKind.configValue());
        stderr.flush();
        predictors.add(new EnginePredictor(loader.load(r)));
        stderr.printf("  %s: %d member(s) on %s%n", predictors.get(predictors.size() - 1).releaseId(),
            predictors.get(predictors.size() - 1).ensembleSize(), predictors.get(predictors.size() - 1).engine());
      }
      int total = recording.size();
      int step = Math.max(settings.batchSize(), total / 10);
      int[] next = {step};
      ReplayOutcome outcome = new ReplayEvaluator(settings.batchSize(), settings.calibrationBins())
          .onProgress(done -> {
            if (done >= next[0] || done == total) {
              stderr.printf(Locale.ROOT, "  %,d / %,d%n", done, total);
              stderr.flush();
              next[0] = done == total ? step : next[0] + step;
            }
          })
          .evaluate(recording, predictors);
      stdout.println(ReplayReport.console(outcome));
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("topic", cropsTopic);
      meta.put("range", range.describe());
      meta.put("from / to", from + " / " + to);
      meta.put("bootstrap servers", settings.bootstrapServers());
      meta.put("labels", policy.name().toLowerCase(Locale.ROOT) + " (" + recording.fromFeedback()
          + " from labelled-feedback)");
      meta.put("records read", String.format(Locale.ROOT, "%,d (%,d unlabelled, %,d invalid, %,d duplicate ids)",
          recording.recordsRead(), recording.unlabelled(), recording.invalid(), recording.duplicates()));
      meta.put("replay throughput", String.format(Locale.ROOT, "read %.1f records/s, end to end %.1f crops/s",
          outcome.readRate(), outcome.endToEndRate()));
      meta.put("batch size", Integer.toString(settings.batchSize()));
      meta.put("replayed at", now.toString());
      List<Path> files = ReplayReport.write(out, outcome, meta);
      stdout.printf("report: %s%n", files.get(0));
      for (Path f : files.subList(1, files.size())) {
        stdout.printf("        %s%n", f);
      }
      stdout.flush();
      return 0;
    } finally {
      predictors.forEach(EnginePredictor::close);
    }
  }
}
