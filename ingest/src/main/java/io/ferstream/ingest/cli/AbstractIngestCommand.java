package io.ferstream.ingest.cli;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.topics.Topic;
import io.ferstream.common.topics.Topics;
import io.ferstream.ingest.config.IngestConfig;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.publish.CropPublisher;
import io.ferstream.ingest.publish.DryRunPublisher;
import io.ferstream.ingest.publish.FaceCrops;
import io.ferstream.ingest.publish.KafkaCropPublisher;
import io.ferstream.ingest.publish.PngCropWriter;
import io.ferstream.ingest.publish.ProducerSettings;
import io.ferstream.ingest.publish.PublishException;
import io.ferstream.ingest.publish.TopicCheck;
import io.ferstream.ingest.run.IngestRunner;
import io.ferstream.ingest.run.IngestSummary;
import io.ferstream.ingest.run.Pacer;
import io.ferstream.ingest.run.ProgressBar;
import io.ferstream.schemas.FaceCrop;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code ingest} subcommand does once its source is open: check Kafka and the topic, publish
 * through the runner, print the summary, return its exit code (0 all delivered; 1 the source or publishing
 * failed, or a crop was not delivered). Bad arguments and unreadable sources are one line on stderr and 1.
 */
abstract class AbstractIngestCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;
  @Mixin RunOptions run;
  @Spec CommandSpec spec;

  /** When the run started: the default start time of the source's clock. */
  protected final Instant started = Instant.now();

  /** Opens the source; a clear IOException (or IllegalArgumentException for bad options) when it cannot. */
  protected abstract Source open(IngestStats stats) throws IOException;

  /** The source in words, e.g. {@code video /data/a.mp4}. */
  protected abstract String describeSource();

  /** Synthetic data is for demos: it plays in real time unless told otherwise. */
  protected boolean realtimeByDefault() {
    return false;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> resolved = config.resolve(IngestConfig.configDef());
    IngestConfig settings = new IngestConfig(resolved);
    IngestStats stats = new IngestStats();
    Source source;
    try {
      source = open(stats);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return fail(err, e.getMessage());
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C ends the run after the current frame; the hook waits so that crops in flight are delivered.
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        finished.await(45, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ferstream-ingest-shutdown");
    try (source) {
      CropPublisher publisher;
      try {
        publisher = publisher(settings, resolved, source, stats);
      } catch (PublishException e) {
        return fail(err, e.getMessage());
      }
      Runtime.getRuntime().addShutdownHook(hook);
      try (publisher) {
        Pacer pacer = run.realtime(realtimeByDefault()) ? Pacer.realtime(run.speed) : Pacer.none();
        ProgressBar progress = run.noProgress ? ProgressBar.silent() : ProgressBar.console();
        IngestSummary summary = new IngestRunner(pacer, progress, run.maxFrames, stop)
            .run(describeSource(), destination(settings), source, publisher, stats);
        out.print(summary.render());
        out.flush();
        return summary.exitCode();
      }
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // Shutting down already, or the hook was never added.
      }
    }
  }

  private CropPublisher publisher(IngestConfig settings, Map<String, Object> resolved, Source source,
                                  IngestStats stats) throws PublishException {
    CropPublisher publisher;
    if (run.dryRun) {
      publisher = new DryRunPublisher(stats);
    } else {
      Topic<String, FaceCrop> topic = Topics.from(settings).faceCrops();
      TopicCheck.require(ProducerSettings.admin(settings, resolved), topic.name());
      FaceCrops crops = new FaceCrops(producerMetadata(source), Clock.systemUTC());
      publisher = KafkaCropPublisher.create(ProducerSettings.producer(settings, resolved), topic, crops, stats);
    }
    return run.saveCrops == null ? publisher : new PngCropWriter(publisher, run.saveCrops);
  }

  private Map<String, String> producerMetadata(Source source) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("producer.name", "ferstream-ingest");
    String version = AbstractIngestCommand.class.getPackage().getImplementationVersion();
    meta.put("producer.version", version == null ? "dev" : version);
    meta.put("producer.host", hostName());
    meta.putAll(source.metadata());
    run.tags.forEach((k, v) -> meta.put("tag." + k, v));
    return meta;
  }

  private String destination(IngestConfig settings) {
    return run.dryRun ? "nowhere (dry run)" : settings.faceCropsTopic() + " on " + settings.bootstrapServers();
  }

  private int fail(PrintWriter err, String message) {
    err.println("ferstream ingest " + spec.name() + ": " + message);
    err.flush();
    return 1;
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Metadata of a source: its type and URI. */
  static Map<String, String> sourceMetadata(String type, String uri) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source.type", type);
    meta.put("source.uri", uri);
    return meta;
  }
}
