package io.ferstream.classifier.app;

import io.ferstream.common.lifecycle.ServiceRunner;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.config.StreamsSettings;
import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.inference.EngineLoader;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.metrics.PrometheusText;
import io.ferstream.classifier.ops.JmxRegistration;
import io.ferstream.classifier.ops.OpsHttpServer;
import io.ferstream.classifier.release.BundleFetcher;
import io.ferstream.classifier.release.DefaultRelease;
import io.ferstream.classifier.release.ReleaseCandidate;
import io.ferstream.classifier.release.ReleaseManager;
import io.ferstream.classifier.release.ReleaseRejectedException;
import io.ferstream.classifier.release.ReleaseTopicFollower;
import io.ferstream.classifier.topology.AvroTrust;
import io.ferstream.classifier.topology.BatchScorer;
import io.ferstream.classifier.topology.ClassifierSerdes;
import io.ferstream.classifier.topology.ClassifierTopology;
import io.ferstream.classifier.topology.CoordinatorRegistry;
import io.ferstream.common.topics.TopicCreator;
import io.ferstream.common.topics.TopicSpecs;
import io.ferstream.schemas.ModelRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier, wired: topics, the first release (the live one on model-releases, else the repository's
 * default), the release follower, the Kafka Streams topology, the HTTP endpoint and JMX. {@link #start()} returns
 * once Kafka Streams is started; {@link #close()} drains and stops everything within its bounds.
 */
public final class ClassifierApp implements ServiceRunner.Service {

  private static final Logger log = LoggerFactory.getLogger(ClassifierApp.class);

  private final ClassifierConfig config;
  private final ClassifierSerdes serdes;
  private final Deserializer<ModelRelease> releaseDeserializer;
  private final EngineLoader loader;
  private final ClassifierMetrics metrics = new ClassifierMetrics();
  private final EngineHolder engines = new EngineHolder();
  private final ReleaseManager releases;
  private final CoordinatorRegistry coordinators;
  private ReleaseTopicFollower follower;
  private StreamsRunner runner;
  private OpsHttpServer http;
  private JmxRegistration jmx;

  public ClassifierApp(ClassifierConfig config, ClassifierSerdes serdes, Deserializer<ModelRelease> releaseDeserializer,
      EngineLoader loader) {
    AvroTrust.trustFerStreamSchemas();
    this.config = config;
    this.serdes = serdes;
    this.releaseDeserializer = releaseDeserializer;
    this.loader = loader;
    this.releases = new ReleaseManager(engines, loader, new BundleFetcher(config.releaseFetchTimeout()), metrics);
    this.coordinators = new CoordinatorRegistry(config.batchMaxSize(), config.batchMaxDelayMs(),
        new BatchScorer(engines, metrics), config.pipelined(), config.batchMaxInFlight());
    metrics.bind(engines::currentReleaseId, coordinators::pendingCrops);
  }

  public void start() throws Exception {
    log.info("Classifier {}: {} -> {} (dead letters: {}), {}, batches of up to {} crops or {} ms, {}",
        config.applicationId(), config.faceCropsTopic(), config.emotionEventsTopic(), config.deadLetterTopic(),
        config.processingGuarantee(), config.batchMaxSize(), config.batchMaxDelayMs(),
        config.pipelined() ? "pipelined (scored off the stream thread, up to " + config.batchMaxInFlight()
            + " batches in flight)" : "scored on the stream thread");
    if (config.createMissingTopics()) {
      createTopics();
    }
    Map<String, Object> clientConfig = StreamsSettings.clientSettings(config, ConsumerConfig.configNames());
    clientConfig.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.applicationId() + "-releases");
    follower = new ReleaseTopicFollower(clientConfig, config.modelReleasesTopic(), config.releaseChannel(),
        releaseDeserializer, config.releaseFetchTimeout(), metrics);
    if (config.releasePinned()) {
      log.info("Pinned to the release in {}: {} is not read", config.releaseDefaultPath(), config.modelReleasesTopic());
      releases.install(DefaultRelease.resolve(Path.of(config.releaseDefaultPath())));
    } else {
      installFirstRelease(follower.catchUp());
    }
    if (config.releaseWatchEnabled() && !config.releasePinned()) {
      follower.follow(releases::submit);
    }

    Topology topology = ClassifierTopology.build(config, serdes,
        new ClassifierTopology.Services(coordinators, metrics, System::currentTimeMillis));
    log.info("Topology:\n{}", topology.describe());
    runner = new StreamsRunner(topology, StreamsSettings.from(config, metrics), coordinators,
        config.shutdownDrainTimeout(), config.shutdownTimeout(), config.threadReplacementsMax());
    runner.start();

    jmx = new JmxRegistration("Classifier", config.applicationId(), metrics);
    if (config.httpPort() >= 0) {
      http = new OpsHttpServer(config.httpHost(), config.httpPort(), probe(), () -> PrometheusText.render(metrics));
      log.info("Health, readiness and metrics on http://{}:{}/{{health,ready,metrics}}", config.httpHost(),
          http.port());
    }
  }

  private void installFirstRelease(Optional<ReleaseCandidate> live) throws ReleaseRejectedException {
    if (live.isPresent()) {
      try {
        releases.install(live.get());
        return;
      } catch (ReleaseRejectedException e) {
        releases.reject(live.get(), e);
        log.warn("Falling back to the default release in {}", config.releaseDefaultPath());
      }
    } else {
      log.info("No release on {}; starting with the default release in {}", config.modelReleasesTopic(),
          config.releaseDefaultPath());
    }
    releases.install(DefaultRelease.resolve(Path.of(config.releaseDefaultPath())));
  }

  private void createTopics() {
    TopicSpecs specs = TopicSpecs.from(config);
    try (Admin admin = Admin.create(StreamsSettings.clientSettings(config, AdminClientConfig.configNames()))) {
      new TopicCreator(admin, config.releaseFetchTimeout().toMillis())
          .createMissing(List.of(specs.faceCrops(), specs.emotionEvents(), specs.faceCropsDlq(), specs.modelReleases()))
          .stream().filter(TopicCreator.Outcome::created)
          .forEach(o -> log.info("Created topic {}", o.spec()));
    }
  }

  private OpsHttpServer.Probe probe() {
    return new OpsHttpServer.Probe() {
      @Override
      public OpsHttpServer.Status health() {
        KafkaStreams.State s = runner.state();
        boolean alive = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR
            && s != KafkaStreams.State.NOT_RUNNING;
        return new OpsHttpServer.Status(alive, "streams=" + s);
      }

      @Override
      public OpsHttpServer.Status readiness() {
        KafkaStreams.State s = runner.state();
        boolean ready = s == KafkaStreams.State.RUNNING && engines.ready();
        return new OpsHttpServer.Status(ready, "streams=" + s + " release=" + engines.currentReleaseId());
      }
    };
  }

  public ClassifierMetrics metrics() {
    return metrics;
  }

  @Override
  public Throwable failure() {
    return runner().failure();
  }

  public StreamsRunner runner() {
    return runner;
  }

  public ReleaseManager releases() {
    return releases;
  }

  public EngineHolder engines() {
    return engines;
  }

  /** The bound HTTP port, or -1 when the endpoint is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    if (runner != null) {
      runner.shutdown();
    }
    coordinators.close();
    if (http != null) {
      http.close();
    }
    if (follower != null) {
      follower.close();
    }
    releases.close();
    if (jmx != null) {
      jmx.close();
    }
    engines.close();
  }
}
