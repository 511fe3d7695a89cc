package io.ferstream.trainer.app;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.streams.StreamsProperties;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import io.ferstream.common.topics.TopicCreator;
import io.ferstream.common.topics.TopicSpecs;
import io.ferstream.common.topics.Topics;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.serde.SchemaRegistryClients;
import io.ferstream.serde.client.SchemaRegistryClient;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.model.train.Augmentation;
import io.ferstream.trainer.config.TrainerConfig;
import io.ferstream.trainer.feedback.FeedbackCounters;
import io.ferstream.trainer.feedback.FeedbackSettings;
import io.ferstream.trainer.feedback.FeedbackTopology;
import io.ferstream.trainer.gate.GateSettings;
import io.ferstream.trainer.release.ArtifactTransport;
import io.ferstream.trainer.release.ReleaseLog;
import io.ferstream.trainer.release.ReleasePublisher;
import io.ferstream.trainer.release.ReleaseStore;
import io.ferstream.trainer.release.RepositoryReleases;
import io.ferstream.trainer.round.RoundPolicy;
import io.ferstream.trainer.round.RoundRunner;
import io.ferstream.trainer.round.RoundSettings;
import io.ferstream.trainer.round.TrainingBuffer;
import io.ferstream.trainer.round.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer service: the feedback stream (labelled-feedback joined with face-crops into the training-examples
 * buffer, bad feedback dead-lettered), the training buffer reader, the retraining loop (rounds, gate, publication)
 * and the HTTP endpoint. Owned by a {@link ServiceRunner}: {@link #start()} wires and starts everything,
 * {@link #close()} stops it in reverse order.
 */
public final class TrainerService implements ServiceRunner.Service {

  private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
  private static final long TOPIC_CREATION_TIMEOUT_MS = 30_000;

  private final TrainerConfig config;
  private final Clock clock;
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final FeedbackCounters counters = new FeedbackCounters();
  private KafkaStreams streams;
  private TrainingBuffer buffer;
  private volatile RoundLoop loop;
  private Thread loopThread;
  private TrainerHttpServer http;
  private TrainerMetrics metrics;

  public TrainerService(TrainerConfig config) {
    this(config, Clock.systemUTC());
  }

  public TrainerService(TrainerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The holdout and the base data a trainer with these settings uses. */
  public record Data(Fer2013Data holdout, Fer2013Data base) {}

  public static Data data(TrainerConfig config) throws IOException {
    return new Data(holdout(config), base(config));
  }

  @Override
  public void start() throws Exception {
    Fer2013Data holdout = holdout(config);
    Fer2013Data base = base(config);
    // One registry client (and so one schema cache) for the serdes and the feedback stream's writer-schema check.
    Map<String, Object> serdeConfig = Topics.serdeConfig(config);
    SchemaRegistryClient registry = SchemaRegistryClients.create(serdeConfig);
    Topics topics = Topics.from(config, registry, serdeConfig);
    if (config.getBoolean(TrainerConfig.TOPICS_CREATE_MISSING)) {
      createTopics();
    }
    Map<String, Object> clients = StreamsProperties.clientSettings(config.originals(), ConsumerConfig.configNames(),
        config.bootstrapServers());

    buffer = new TrainingBuffer(clients, topics.trainingExamples().name(),
        topics.trainingExamples().valueSerde().deserializer(), config.getInt(TrainerConfig.BUFFER_MAX_EXAMPLES));
    ReleaseStore store = new ReleaseStore(config.storeDir());
    ReleaseLog releaseLog = new ReleaseLog(clients, topics.modelReleases().name(),
        topics.modelReleases().valueSerde().deserializer(), config.timeout());
    Map<String, Object> producer = StreamsProperties.clientSettings(config.originals(), ProducerConfig.configNames(),
        config.bootstrapServers());
    ReleasePublisher publisher = new ReleasePublisher(producer, topics.modelReleases().name(),
        config.publishChannel(), topics.modelReleases().valueSerde().serializer(), store, config.timeout())
        .withReferenceBase(config.referenceBase());
    LiveReleaseSource source = new LiveReleaseSource(releaseLog, store,
        new RepositoryReleases(config.releaseDefaultPath()));

    RoundRunner runner = new RoundRunner(roundSettings(config), clock);
    RoundPolicy policy = new RoundPolicy(config.getInt(TrainerConfig.EVERY_LABELS),
        Duration.ofMinutes(config.getLong(TrainerConfig.EVERY_MINUTES)));
    ArtifactTransport transport = ArtifactTransport.valueOf(
        config.getString(TrainerConfig.RELEASE_TRANSPORT).toUpperCase(java.util.Locale.ROOT));
    metrics = new TrainerMetrics(counters, buffer::size, () -> loop == null ? 0 : loop.pendingLabels());
    loop = new RoundLoop(buffer, policy, runner, source, publisher, transport, base, holdout, config.stateDir(),
        Duration.ofMillis(config.getLong(TrainerConfig.CHECK_INTERVAL_MS)), metrics, clock);

    FeedbackSettings feedback = new FeedbackSettings(config.cropRetention(),
        config.getInt(TrainerConfig.TOPIC_PARTITIONS), Duration.ofMillis(config.getLong(TrainerConfig.MAX_TASK_IDLE_MS)));
    Topology topology = FeedbackTopology.build(feedback, topics, counters, registry);
    log.info("Feedback topology:\n{}", topology.describe());
    streams = new KafkaStreams(topology, streamsProperties(feedback));
    streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
    streams.setUncaughtExceptionHandler(e -> {
      fatal.compareAndSet(null, e);
      log.error("Feedback stream thread died: {}; shutting the trainer down", e.toString(), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });

    int port = config.getInt(TrainerConfig.HTTP_PORT);
    if (port >= 0) {
      http = new TrainerHttpServer(config.getString(TrainerConfig.HTTP_HOST), port, this::failure, metrics,
          config.stateDir().resolve("rounds"), loop::requestRound);
      http.start();
    }
    streams.start();
    buffer.start();
    loopThread = DaemonThreads.named("trainer-rounds").newThread(loop);
    loopThread.start();
    log.info("Trainer {}: {} + {} -> {} (dead letters to {}); rounds every {} labels or {} min, mode {}, holdout {} "
            + "images, base {} images; releases on {} ({}, store {}){}",
        config.getString(TrainerConfig.APPLICATION_ID), topics.labelledFeedback().name(), topics.faceCrops().name(),
        topics.trainingExamples().name(), topics.labelledFeedbackDlq().name(),
        config.getInt(TrainerConfig.EVERY_LABELS), config.getLong(TrainerConfig.EVERY_MINUTES),
        config.getString(TrainerConfig.MODE), holdout.size(), base == null ? 0 : base.size(),
        topics.modelReleases().name(), transport, store.directory(),
        http == null ? "" : "; HTTP on port " + http.port());
  }

  private Properties streamsProperties(FeedbackSettings feedback) {
    Properties props = StreamsProperties.base(config.originals(), TrainerConfig.TRAINER_KEYS,
        config.getString(TrainerConfig.APPLICATION_ID), config.bootstrapServers(),
        config.getString(TrainerConfig.PROCESSING_GUARANTEE), config.schemaRegistryUrl());
    props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve("streams").toString());
    feedback.recommendedStreamsProperties().forEach(props::putIfAbsent);
    DeadLetterCounter counter = stage -> metrics.streamDeadLetter();
    DeadLetterSettings.apply(props, config.getString(TrainerConfig.TOPIC_LABELLED_FEEDBACK_DLQ), counter);
    return props;
  }

  /** The round settings (training and gate) of a trainer with these settings. */
  public static RoundSettings roundSettings(TrainerConfig config) {
    Augmentation aug = "none".equals(config.getString(TrainerConfig.AUGMENTATION)) ? Augmentation.none()
        : Augmentation.standard();
    TrainingSettings training = new TrainingSettings(config.fromScratch(), config.getInt(TrainerConfig.EPOCHS),
        config.getDouble(TrainerConfig.LEARNING_RATE), config.getInt(TrainerConfig.BATCH_SIZE),
        config.getLong(TrainerConfig.SEED), aug);
    GateSettings gate = new GateSettings(config.getDouble(TrainerConfig.EPSILON),
        GateSettings.FeedbackTest.parse(config.getString(TrainerConfig.FEEDBACK_TEST)),
        config.getDouble(TrainerConfig.FEEDBACK_ALPHA), config.getInt(TrainerConfig.FEEDBACK_MIN_EXAMPLES),
        config.getDouble(TrainerConfig.FEEDBACK_MIN_GAIN));
    return new RoundSettings(training, config.getDouble(TrainerConfig.REPLAY_RATIO),
        config.getInt(TrainerConfig.HELD_BACK_PERCENT), config.getInt(TrainerConfig.MIN_LABELS), gate,
        "samediff".equals(config.getString(TrainerConfig.SCORING_ENGINE)));
  }

  private static Fer2013Data holdout(TrainerConfig config) throws IOException {
    Path file = config.path(TrainerConfig.HOLDOUT_DATA);
    if (!Files.isRegularFile(file)) {
      throw new IOException(TrainerConfig.HOLDOUT_DATA + " " + file.toAbsolutePath() + " is not a file: the gate "
          + "needs a fixed holdout (FER2013 PublicTest, or a fer2013-format CSV of your own)");
    }
    Usage usage = Usage.parse(config.getString(TrainerConfig.HOLDOUT_USAGE));
    Fer2013Reader.Builder reader = Fer2013Reader.builder().usages(usage).disgustPolicy(DisgustPolicy.DROP);
    int limit = config.getInt(TrainerConfig.HOLDOUT_LIMIT);
    if (limit > 0) {
      reader.limit(usage, limit);
    }
    return reader.build().read(file);
  }

  private static Fer2013Data base(TrainerConfig config) throws IOException {
    Path file = config.baseData();
    if (file == null) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      log.warn("{} {} is not a file: rounds train on feedback only, with no rehearsal of the base data",
          TrainerConfig.BASE_DATA, file.toAbsolutePath());
      return null;
    }
    return Fer2013Reader.builder().usages(Usage.TRAINING).disgustPolicy(DisgustPolicy.DROP).build().read(file);
  }

  private void createTopics() {
    TopicSpecs specs = TopicSpecs.from(config);
    try (Admin admin = Admin.create(StreamsProperties.clientSettings(config.originals(),
        AdminClientConfig.configNames(), config.bootstrapServers()))) {
      new TopicCreator(admin, TOPIC_CREATION_TIMEOUT_MS)
          .createMissing(List.of(specs.faceCrops(), specs.labelledFeedback(), specs.labelledFeedbackDlq(),
              specs.trainingExamples(), specs.modelReleases()))
          .stream().filter(TopicCreator.Outcome::created)
          .forEach(o -> log.info("Created topic {}", o.spec()));
    }
  }

  public TrainerMetrics metrics() {
    return metrics;
  }

  /** The bound HTTP port, or -1 when the endpoint is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public Throwable failure() {
    Throwable t = fatal.get();
    if (t == null && streams != null && streams.state() == KafkaStreams.State.ERROR) {
      return new IllegalStateException("Kafka Streams is in state ERROR");
    }
    return t;
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (loopThread != null) {
      loopThread.interrupt();
    }
    if (http != null) {
      http.close();
    }
    if (streams != null) {
      streams.close(config.shutdownTimeout());
    }
    if (buffer != null) {
      buffer.close();
    }
  }
}
