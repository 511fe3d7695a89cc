package io.ferstream.cli;

import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.Nd4jRuntime;
import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.topics.Topics;
import io.ferstream.dashboard.Dashboard;
import io.ferstream.dashboard.DashboardConfig;
import io.ferstream.ingest.config.IngestConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferstream demo}: the whole pipeline in one process on embedded defaults. Kafka and the Schema Registry
 * (the embedded stack), the classifier with the default release, the aggregator with the live dashboard, and a
 * source of face crops, all on one configuration. Prints the dashboard's URL; Ctrl-C stops everything, the source
 * first and Kafka last.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline in this process with nothing to install: Kafka, the Schema Registry, the",
        "classifier (default release), the aggregator with the live dashboard, and a source of face crops",
        "(synthetic faces unless --video or --fer2013). Prints the dashboard URL; Ctrl-C stops everything.",
        "Starts from an empty cluster each time unless --keep-data."})
public class DemoCommand implements Callable<Integer> {

  /** Sessions and rate of the synthetic source: ~6 crops/s, inside what the default release scores on a CPU. */
  static final int SYNTHETIC_SESSIONS = 3;
  static final double SOURCE_FPS = 2.0;
  /** Micro-batch of the demo's classifier (unless -D batch.max.size): a batch of 64 takes ~6 s on 2 cores. */
  static final int DEMO_BATCH_MAX_SIZE = 16;

  @Mixin ConfigOptions config;

  /** The source: synthetic by default, or one of these. */
  static final class SourceChoice {
    @Option(names = "--video", paramLabel = "FILE",
        description = "Play a video file (anything FFmpeg reads) in real time, detecting faces in it.")
    Path video;

    @Option(names = "--fer2013", paramLabel = "CSV", description = "Replay FER2013 rows (fer2013.csv or .csv.gz).")
    Path fer2013;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  SourceChoice source;

  @Option(names = "--sessions", paramLabel = "K", defaultValue = "" + SYNTHETIC_SESSIONS,
      description = "Side-by-side sessions of the synthetic or FER2013 source (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--fps", paramLabel = "N", defaultValue = "" + SOURCE_FPS,
      description = "Crops per second per session (synthetic, FER2013) or video frames sampled per second "
          + "(default ${DEFAULT-VALUE}). The default release scores ~10 crops/s on a laptop CPU.")
  double fps;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT",
      description = "Port of the dashboard and the REST API, 0 for any (key http.port; default 8086).")
  Integer port;

  @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
      description = "Port of the embedded Kafka broker (default: any free port).")
  int kafkaPort;

  @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "0",
      description = "Port of the embedded Schema Registry (default: any free port).")
  int registryPort;

  @Option(names = "--release", paramLabel = "PATH",
      description = "Release bundle or directory of releases (key release.default.path; default: releases/ of "
          + "the FerStream checkout).")
  Path release;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".ferstream/demo",
      description = "Where the broker and the Kafka Streams state live (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--keep-data", description = "Keep the data of the previous demo run instead of starting empty.")
  boolean keepData;

  @Spec CommandSpec spec;

  /** Set by tests to stop the demo without a signal. */
  final ServiceRunner runner = new ServiceRunner("ferstream demo", Duration.ofSeconds(60));

  /** Filled once started, for tests: the dashboard's URL. */
  final AtomicReference<String> dashboardUrl = new AtomicReference<>();

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    Path data = dataDir.toAbsolutePath();
    if (!keepData) {
      wipe(data);
    }
    Files.createDirectories(data);
    EmbeddedStack stack = new EmbeddedStack(new FerStreamConfig(Map.of(
        FerStreamConfig.STACK_DATA_DIR, data.resolve("stack").toString(),
        FerStreamConfig.STACK_KAFKA_PORT, kafkaPort,
        FerStreamConfig.STACK_REGISTRY_PORT, registryPort)));
    DemoSource.Kind kind = source == null || (source.video == null && source.fer2013 == null)
        ? new DemoSource.Synthetic(sessions, fps, 1)
        : source.video != null ? new DemoSource.Video(source.video, fps)
        : new DemoSource.Fer2013(source.fer2013, sessions, fps);
    AtomicReference<AggregatorApp> aggregator = new AtomicReference<>();
    AtomicReference<ClassifierApp> classifier = new AtomicReference<>();
    AtomicReference<DemoSource> crops = new AtomicReference<>();

    DemoPipeline pipeline = new DemoPipeline(List.of(
        new DemoPipeline.Step("Kafka + Schema Registry", () -> stack),
        new DemoPipeline.Step("classifier", () -> {
          Map<String, Object> fixed = new HashMap<>(Map.of(ClassifierConfig.HTTP_PORT, 0,
              ClassifierConfig.RELEASE_DEFAULT_PATH, releasePath().toString()));
          if (!config.flags().containsKey(ClassifierConfig.BATCH_MAX_SIZE)) {
            // Small batches: the dashboard moves every second or two instead of once per 64-crop batch.
            fixed.put(ClassifierConfig.BATCH_MAX_SIZE, DEMO_BATCH_MAX_SIZE);
          }
          ClassifierConfig settings = settings(ClassifierConfig.configDef(), stack, data, ClassifierConfig::new, fixed);
          Nd4jRuntime.configure(settings.inferenceThreads(), settings.inferenceSlices(),
              settings.inferenceCropsPerThread());
          // The engine `classify` would use (key inference.engine), one loader for the first release and hot swaps.
          classifier.set(new ClassifierApp(settings, AvroSerdes.topology(settings), AvroSerdes.releases(settings),
              settings.inferenceEngine().loader()));
          return classifier.get();
        }),
        new DemoPipeline.Step("aggregator + dashboard", () -> {
          Map<String, Object> http = new HashMap<>();
          if (port != null) {
            http.put(AggregatorConfig.HTTP_PORT, port);
          }
          AggregatorConfig settings = settings(AggregatorConfig.configDef(), stack, data, AggregatorConfig::new, http);
          DashboardConfig dashboardSettings = new DashboardConfig(settings.originals());
          AggregatorApp app = new AggregatorApp(settings, AggregatorSerdes.from(Topics.from(settings)));
          Dashboard dashboard = new Dashboard(dashboardSettings);
          dashboard.mount(app::addContext);
          aggregator.set(app);
          return new DemoPipeline(List.of(new DemoPipeline.Step("aggregator", () -> app),
              new DemoPipeline.Step("dashboard", () -> dashboard)));
        }),
        new DemoPipeline.Step("source", () -> {
          crops.set(new DemoSource(kind, resolve(IngestConfig.configDef(), stack, data, Map.of())));
          return crops.get();
        })));

    out.println("Starting the FerStream demo (data in " + data + ") ...");
    out.flush();
    return runner.run(pipeline, () -> {
      String url = "http://localhost:" + aggregator.get().httpPort() + "/";
      dashboardUrl.set(url);
      out.printf("%nFerStream demo is up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      out.printf("  Dashboard        %s%n", url);
      out.printf("  REST API         %sapi/sessions%n", url);
      out.printf("  Kafka            %s   (bootstrap.servers)%n", stack.bootstrapServers());
      out.printf("  Schema Registry  %s   (schema.registry.url)%n", stack.schemaRegistryUrl());
      out.printf("  Classifier       release %s (engine %s), metrics http://localhost:%d/metrics%n",
          classifier.get().engines().currentReleaseId(), classifier.get().engines().currentEngine(),
          classifier.get().httpPort());
      out.printf("  Source           %s%n", crops.get().describe());
      out.println("Open the dashboard in a browser. Press Ctrl-C to stop.");
      out.flush();
    });
  }

  /** What the demo keeps in its data directory; nothing else is ever deleted. */
  static final java.util.Set<String> DATA_ENTRIES = java.util.Set.of("stack", "streams");

  /**
   * Empties the data directory of a previous run. Only a directory that holds nothing but the demo's own entries
   * is wiped, so that a mistyped --data-dir (a home directory, a project) is refused instead of deleted.
   */
  static void wipe(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      return;
    }
    try (java.util.stream.Stream<Path> entries = Files.list(data)) {
      List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !DATA_ENTRIES.contains(n))
          .sorted().toList();
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException("--data-dir " + data + " holds more than a demo's data (" + foreign
            + "); give a new or empty directory, or --keep-data");
      }
    }
    for (String entry : DATA_ENTRIES) {
      StackCommand.deleteRecursively(data.resolve(entry));
    }
  }

  /** The default release: releases/ of the FerStream checkout (bin/ferstream sets ferstream.home). */
  Path releasePath() {
    if (release != null) {
      return release;
    }
    String home = System.getProperty("ferstream.home", System.getProperty("ferstream.repo.root", "."));
    return Path.of(home).resolve(ClassifierConfig.RELEASE_DEFAULT_PATH_DEFAULT).toAbsolutePath().normalize();
  }

  /**
   * The effective settings of one component: the user's (flags, FERSTREAM_* environment, --config file,
   * defaults) with the demo's own on top: the embedded stack's addresses, Kafka Streams state under the data
   * directory, and {@code fixed}.
   */
  private Map<String, Object> resolve(ConfigDef definition, EmbeddedStack stack, Path data, Map<String, Object> fixed) {
    Map<String, Object> props = new HashMap<>(config.resolve(definition));
    props.put(FerStreamConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    props.put("state.dir", data.resolve("streams").toString());
    props.putAll(fixed);
    return props;
  }

  private <C> C settings(ConfigDef definition, EmbeddedStack stack, Path data,
      java.util.function.Function<Map<String, Object>, C> constructor, Map<String, Object> fixed) {
    return constructor.apply(resolve(definition, stack, data, fixed));
  }
}
