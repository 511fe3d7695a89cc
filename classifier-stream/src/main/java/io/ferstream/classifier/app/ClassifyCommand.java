package io.ferstream.classifier.app;

import io.ferstream.common.lifecycle.ServiceRunner;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.inference.Nd4jRuntime;
import io.ferstream.common.cli.ConfigOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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

  @Option(names = "--shadow-release", paramLabel = "PATH",
      description = {"Also score every crop with this candidate release (bundle zip or directory) in a second Kafka "
          + "Streams application, <application.id>-shadow, pinned to it (no hot swap), writing only to "
          + "emotion-events-shadow (key topic.emotion.events.shadow) and <topic.face.crops.dlq>-shadow.",
          "Compare the two with `ferstream replay audit`."})
  Path shadowRelease;

  @Spec CommandSpec spec;

  /**
   * The shadow classifier's configuration: the live one with its own application id (so its own consumer group,
   * offsets and state), the candidate pinned, the shadow events topic, its own dead-letter topic (the live one
   * already gets every bad crop) and no HTTP endpoint.
   */
  public static ClassifierConfig shadowSettings(ClassifierConfig live, Path release) {
    Map<String, Object> shadow = new HashMap<>(live.originals());
    shadow.put(ClassifierConfig.APPLICATION_ID, live.applicationId() + "-shadow");
    shadow.put(ClassifierConfig.TOPIC_EMOTION_EVENTS, live.getString(ClassifierConfig.TOPIC_EMOTION_EVENTS_SHADOW));
    shadow.put(ClassifierConfig.TOPIC_FACE_CROPS_DLQ, live.deadLetterTopic() + "-shadow");
    shadow.put(ClassifierConfig.RELEASE_DEFAULT_PATH, release.toString());
    shadow.put(ClassifierConfig.RELEASE_PINNED, true);
    shadow.put(ClassifierConfig.RELEASE_WATCH_ENABLED, false);
    shadow.put(ClassifierConfig.HTTP_PORT, -1);
    return ClassifierConfig.of(shadow);
  }

  /** The live classifier and its shadow as one service: started in that order, closed in reverse. */
  private record WithShadow(ClassifierApp live, ClassifierApp shadow) implements ServiceRunner.Service {
    @Override
    public void start() throws Exception {
      live.start();
      shadow.start();
    }

    @Override
    public Throwable failure() {
      Throwable f = live.failure();
      return f != null ? f : shadow.failure();
    }

    @Override
    public void close() {
      try {
        shadow.close();
      } finally {
        live.close();
      }
    }
  }

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
    Nd4jRuntime.configure(settings.inferenceThreads(), settings.inferenceSlices(),
        settings.inferenceCropsPerThread());
    EngineKind engineKind = settings.inferenceEngine();
    log.info("Inference engine: {} (key {})", engineKind.configValue(), ClassifierConfig.INFERENCE_ENGINE);
    // One loader for the first release and every hot swap: the same engine choice for all of them.
    ClassifierApp app = new ClassifierApp(settings, AvroSerdes.topology(settings), AvroSerdes.releases(settings),
        engineKind.loader());
    ClassifierApp shadow = null;
    if (shadowRelease != null) {
      ClassifierConfig shadowSettings = shadowSettings(settings, shadowRelease);
      shadow = new ClassifierApp(shadowSettings, AvroSerdes.topology(shadowSettings),
          AvroSerdes.releases(shadowSettings), engineKind.loader());
    }
    ClassifierApp shadowApp = shadow;
    ServiceRunner.Service service = shadow == null ? app : new WithShadow(app, shadow);
    return new ServiceRunner(settings.applicationId(), settings.shutdownTimeout().plus(settings.shutdownDrainTimeout())
        .multipliedBy(shadow == null ? 1 : 2))
        .run(service, () -> {
          out.printf("Classifier %s running: %s -> %s, release %s (engine %s)%s%n", settings.applicationId(),
              settings.faceCropsTopic(), settings.emotionEventsTopic(), app.engines().currentReleaseId(),
              app.engines().currentEngine(),
              app.httpPort() >= 0 ? ", http://localhost:" + app.httpPort() + "/metrics" : "");
          if (shadowApp != null) {
            out.printf("Shadow classifier %s-shadow running: %s -> %s, release %s pinned (engine %s)%n",
                settings.applicationId(), settings.faceCropsTopic(),
                settings.getString(ClassifierConfig.TOPIC_EMOTION_EVENTS_SHADOW),
                shadowApp.engines().currentReleaseId(), shadowApp.engines().currentEngine());
          }
          out.flush();
        });
  }
}
