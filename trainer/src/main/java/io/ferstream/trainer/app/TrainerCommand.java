package io.ferstream.trainer.app;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.trainer.config.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferstream trainer}: runs the trainer service until Ctrl-C / SIGTERM; exit code 1 when it failed. */
@Command(name = "trainer", mixinStandardHelpOptions = true, subcommands = RoundCommand.class,
    description = {"Retrains the models from labelled feedback and releases the candidates that pass the gate.",
        "Joins labelled-feedback with face-crops into the durable training buffer (training-examples; bad feedback",
        "to labelled-feedback-dlq), runs a round every retrain.every.labels new labels or retrain.every.minutes,",
        "scores each candidate against the live release on the fixed holdout and on held-back feedback, and",
        "publishes a promoted one on model-releases, which every classifier swaps to. Reports per round under",
        "trainer.state.dir/rounds; /health, /metrics and /api/rounds (POST: run a round now) on trainer.http.port."})
public class TrainerCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--every-labels", paramLabel = "N", description = "Round every N new labels (key retrain.every.labels; default 500).")
  Integer everyLabels;

  @Option(names = "--every-minutes", paramLabel = "MIN",
      description = "Also a round every MIN minutes with new labels, 0 for never (key retrain.every.minutes; default 60).")
  Long everyMinutes;

  @Option(names = "--mode", paramLabel = "MODE", description = "fine-tune or scratch (key retrain.mode; default fine-tune).")
  String mode;

  @Option(names = "--holdout", paramLabel = "CSV",
      description = "fer2013-format CSV of the fixed holdout (key gate.holdout.data; default FER2013 in ../shared/fer2013).")
  Path holdout;

  @Option(names = "--epsilon", paramLabel = "E",
      description = "Largest holdout loss a candidate may have, as a fraction (key gate.epsilon; default 0.005).")
  Double epsilon;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "HTTP port, 0 for any, -1 for none (key trainer.http.port; default 8087).")
  Integer httpPort;

  @Spec CommandSpec spec;

  /** The effective configuration: flags, then FERSTREAM_* environment, then the --config file, then defaults. */
  TrainerConfig settings() {
    return config
        .put(TrainerConfig.EVERY_LABELS, everyLabels)
        .put(TrainerConfig.EVERY_MINUTES, everyMinutes)
        .put(TrainerConfig.MODE, mode)
        .put(TrainerConfig.HOLDOUT_DATA, holdout)
        .put(TrainerConfig.EPSILON, epsilon)
        .put(TrainerConfig.HTTP_PORT, httpPort)
        .build(TrainerConfig.configDef(), TrainerConfig::new);
  }

  @Override
  public Integer call() {
    TrainerConfig settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    TrainerService service = new TrainerService(settings);
    return new ServiceRunner(settings.getString(TrainerConfig.APPLICATION_ID), settings.shutdownTimeout())
        .run(service, () -> {
          out.printf("Trainer %s running: rounds every %d labels or %d min (%s); reports in %s%s%n",
              settings.getString(TrainerConfig.APPLICATION_ID), settings.getInt(TrainerConfig.EVERY_LABELS),
              settings.getLong(TrainerConfig.EVERY_MINUTES), settings.getString(TrainerConfig.MODE),
              settings.stateDir().resolve("rounds").toAbsolutePath(),
              service.httpPort() < 0 ? "" : "; http://localhost:" + service.httpPort() + "/api/rounds");
          out.flush();
        });
  }
}
