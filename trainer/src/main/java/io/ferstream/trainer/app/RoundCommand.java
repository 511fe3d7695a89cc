package io.ferstream.trainer.app;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.trainer.config.TrainerConfig;
import io.ferstream.trainer.release.RepositoryReleases;
import io.ferstream.trainer.round.FeedbackExample;
import io.ferstream.trainer.round.LiveRelease;
import io.ferstream.trainer.round.RoundOutcome;
import io.ferstream.trainer.round.RoundRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferstream trainer round}: one retraining round offline, without Kafka, on labels from a fer2013-format CSV:
 * the same training, gate and report as the service. For rehearsing a policy before turning it on, and for measuring
 * what the gate does with bad labels ({@code --random-labels} replaces every label by a random class).
 */
@Command(name = "round", mixinStandardHelpOptions = true,
    description = "Runs one retraining round offline, without Kafka, on labelled rows of a fer2013-format CSV, and "
        + "prints the gate's decision; the bundle and the report go to --out. Uses the trainer's settings (retrain.*, "
        + "gate.*, release.default.path).")
public class RoundCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--release", paramLabel = "ZIP|DIR", description = "Release to start from (default: release.default.path).")
  Path release;

  @Option(names = "--feedback", paramLabel = "CSV", required = true, description = "fer2013-format CSV of the labels.")
  Path feedback;

  @Option(names = "--usage", defaultValue = "Training", description = "Rows of --feedback to use (default: ${DEFAULT-VALUE}).")
  String usage;

  @Option(names = "--limit", defaultValue = "2000", description = "Rows to use, from the start (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--skip", defaultValue = "0", description = "Rows to skip first (default: ${DEFAULT-VALUE}).")
  int skip;

  @Option(names = "--random-labels", paramLabel = "SEED",
      description = "Replace every label by a uniformly random class, seeded: a poisoning attack.")
  Long randomLabels;

  @Option(names = "--out", required = true, description = "Directory of the round's bundle and report.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainerConfig settings = config.build(TrainerConfig.configDef(), TrainerConfig::new);
    PrintWriter w = spec.commandLine().getOut();
    Path bundle = release != null && Files.isRegularFile(release) ? release
        : new RepositoryReleases(release != null ? release : settings.releaseDefaultPath()).list()
            .stream().filter(RepositoryReleases.RepositoryRelease::latest).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no release to start from")).path();
    Usage u = Usage.parse(usage);
    Fer2013Data rows = Fer2013Reader.builder().usages(u).disgustPolicy(DisgustPolicy.DROP)
        .limit(u, skip + limit).build().read(feedback);
    SplittableRandom rnd = randomLabels == null ? null : new SplittableRandom(randomLabels);
    List<FeedbackExample> labels = new ArrayList<>();
    for (int i = skip; i < rows.size(); i++) {
      int label = rnd == null ? rows.label(i) : rnd.nextInt(EmotionClasses.COUNT);
      labels.add(new FeedbackExample(u.name().toLowerCase(java.util.Locale.ROOT) + "-" + rows.lineNumber(i), label, "round-command",
          rows.image(i)));
    }
    TrainerService.Data data = TrainerService.data(settings);
    LiveRelease live = new LiveRelease(io.ferstream.model.release.ReleaseBundle.load(bundle).releaseId(),
        Files.readAllBytes(bundle), bundle.toString());
    w.printf("Round on %d labels%s from %s, starting from %s%n", labels.size(),
        rnd == null ? "" : " (random)", feedback, live.releaseId());
    w.flush();
    long t0 = System.nanoTime();
    RoundOutcome o = new RoundRunner(TrainerService.roundSettings(settings), Clock.systemUTC())
        .run(1, live, labels, data.base(), data.holdout(), out);
    w.printf("%s%nreport: %s (%.0f s)%n", o.decision() == null ? "skipped: " + o.skipReason() : o.decision().summary(),
        out.resolve("report.md").toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
