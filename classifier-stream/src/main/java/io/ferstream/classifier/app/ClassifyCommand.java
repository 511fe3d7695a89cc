package io.ferstream.classifier.app;

import io.ferstream.common.lifecycle.ServiceRunner;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.inference.Nd4jRuntime;
import io.ferstream.common.cli.ConfigOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ferstream classify}: runs the classifier until Ctrl-C / SIGTERM; exit code 1 when it failed. */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = {"Classifies the face crops of face-crops into emotion events on emotion-events, in micro-batches,",
        "with the live model release of model-releases (else the default release in release.default.path).",
        "Exactly-once by default. Bad input goes to face-crops-dlq. Health, readiness and Prometheus metrics on",
        "http.port (/health, /ready, /metrics)."})
public class ClassifyCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ClassifyCommand.class);

  @Mixin ConfigOptions config;

  @Option(names = "--batch-max-size", paramLabel = "N", description = "Largest micro-batch (key batch.max.size; default 64).")
  Integer batchMaxSize;

  @Option(names = "--batch-max-delay-ms", paramLabel = "MS",
      description = "Longest wait of a crop for its batch (key batch.max.delay.ms; default 50).")
  Long batchMaxDelayMs;

  @Option(names = "--release", paramLabel = "PATH",
      description = "Default release bundle or directory (key release.default.path; default releases, "
          + "under ferstream.home when that is set).")
  Path release;

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "Inference engine: auto (SameDiff verified against DL4J at load, else DL4J), samediff or dl4j "
          + "(key inference.engine; default auto).")
  String engine;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Health/metrics port, 0 for any, -1 for none (key http.port; default 8085).")
  Integer httpPort;

  @Spec CommandSpec spec;

  /** The effective configuration: flags, then FERSTREAM_* environment, then the --config file, then defaults. */
  ClassifierConfig settings() {
    return config
        .put(ClassifierConfig.BATCH_MAX_SIZE, batchMaxSize)
        .put(ClassifierConfig.BATCH_MAX_DELAY_MS, batchMaxDelayMs)
        .put(ClassifierConfig.RELEASE_DEFAULT_PATH, release)
        .put(ClassifierConfig.HTTP_PORT, httpPort)
        .put(ClassifierConfig.INFERENCE_ENGINE, engine)
        .build(ClassifierConfig.configDef(), ClassifierConfig::new);
  }

  @Override
  public Integer call() {
    ClassifierConfig settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    Nd4jRuntime.configure(settings.inferenceThreads());
    EngineKind engineKind = settings.inferenceEngine();
    log.info("Inference engine: {} (key {})", engineKind.configValue(), ClassifierConfig.INFERENCE_ENGINE);
    // One loader for the first release and every hot swap: the same engine choice for all of them.
    ClassifierApp app = new ClassifierApp(settings, AvroSerdes.topology(settings), AvroSerdes.releases(settings),
        engineKind.loader());
    return new ServiceRunner(settings.applicationId(), settings.shutdownTimeout().plus(settings.shutdownDrainTimeout()))
        .run(app, () -> {
          out.printf("Classifier %s running: %s -> %s, release %s (engine %s)%s%n", settings.applicationId(),
              settings.faceCropsTopic(), settings.emotionEventsTopic(), app.engines().currentReleaseId(),
              app.engines().currentEngine(),
              app.httpPort() >= 0 ? ", http://localhost:" + app.httpPort() + "/metrics" : "");
          out.flush();
        });
  }
}
