package io.ferstream.aggregator.app;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.topics.Topics;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferstream aggregate}: runs the aggregator until Ctrl-C / SIGTERM; exit code 1 when it failed. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {"Aggregates emotion-events into per-session statistics on session-emotion-stats:",
        "tumbling and hopping windows and each session's running total (exactly-once by default),",
        "kept in queryable stores and served as JSON on http.port (default 8086): /api/sessions,",
        "/api/sessions/{id}, /api/sessions/{id}/timeline, /api/openapi.json. Instances with one",
        "application.id share the work and answer for each other."})
public class AggregateCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "REST API port, 0 for any (key http.port; default 8086).")
  Integer httpPort;

  @Option(names = "--tumbling-ms", paramLabel = "MS",
      description = "Tumbling window size (key window.tumbling.size.ms; default 10000).")
  Long tumblingMs;

  @Option(names = "--grace-ms", paramLabel = "MS",
      description = "Grace period for late events (key window.grace.ms; default 30000).")
  Long graceMs;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Local state directory (key state.dir; default .ferstream/aggregator/state).")
  String stateDir;

  @Spec CommandSpec spec;

  /** The effective configuration: flags, then FERSTREAM_* environment, then the --config file, then defaults. */
  AggregatorConfig settings() {
    return config
        .put(AggregatorConfig.HTTP_PORT, httpPort)
        .put(AggregatorConfig.WINDOW_TUMBLING_SIZE_MS, tumblingMs)
        .put(AggregatorConfig.WINDOW_GRACE_MS, graceMs)
        .put(AggregatorConfig.STATE_DIR, stateDir)
        .build(AggregatorConfig.configDef(), AggregatorConfig::new);
  }

  @Override
  public Integer call() {
    AggregatorConfig settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    AggregatorApp app = new AggregatorApp(settings, AggregatorSerdes.from(Topics.from(settings)));
    ServiceLoader.load(AggregatorExtension.class).forEach(extension -> extension.install(app, settings));
    return new ServiceRunner(settings.applicationId(), settings.shutdownTimeout().plusSeconds(5))
        .run(app, () -> {
          out.printf("Aggregator %s running: %s -> %s, REST API on %s%n", settings.applicationId(),
              settings.emotionEventsTopic(), settings.sessionStatsTopic(), app.httpUri().resolve("/api/sessions"));
          out.flush();
        });
  }
}
