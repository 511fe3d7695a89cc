package io.ferstream.trainer.feedback;

import io.ferstream.common.topics.Topic;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.TrainingExample;
import io.ferstream.serde.client.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The trainer's feedback topology: {@code labelled-feedback} joined with the pixels of {@code face-crops} into the
 * durable training buffer {@code training-examples} (compacted, keyed by crop id). Building it has no side effects.
 *
 * <pre>
 * face-crops (key session) --decode, keep valid 48x48--&gt; key crop id --&gt; [crops-by-id] --&gt; crop store
 * labelled-feedback (bytes) --decode, validate--&gt; key crop id --&gt; [feedback-by-id] --&gt; join --&gt; training-examples
 *                                  \--&gt; labelled-feedback-dlq                            \--&gt; labelled-feedback-dlq
 * </pre>
 *
 * <p><b>Where crops and feedback meet.</b> Both streams are re-keyed by crop id and repartitioned into topics with
 * the same partition count ({@link FeedbackSettings#partitions()}), and the crop indexer and the joiner share the crop
 * store, so Kafka Streams puts them in one sub-topology: task <i>p</i> reads partition <i>p</i> of both repartition
 * topics, and a crop and its feedback (same key, same serializer, same partitioner) always meet in one task. The
 * lookup is local. ({@code <application.id>-crops-by-id-repartition} and {@code -feedback-by-id-repartition}.)
 *
 * <p><b>Ordering assumption.</b> Within a task Kafka Streams processes the buffered records of its partitions in
 * timestamp order, and repartitioning keeps each record's timestamp; so feedback stamped after its crop is processed
 * after the crop has been stored, provided the crop is buffered when the feedback is picked. When the crop partition
 * has nothing buffered (it lags), {@code max.task.idle.ms} lets the task wait for it before processing the feedback:
 * run this topology with {@link FeedbackSettings#recommendedStreamsProperties()}. Feedback that still arrives first
 * (a crop stamped after its feedback, or a crop partition lagging more than the idle time) is dead-lettered as an
 * unknown crop, and can be replayed from the dead-letter topic.
 *
 * <p><b>Crop store</b> ({@link #CROP_STORE}): a logged window store keyed by crop id at the crop's timestamp, with
 * retention {@link FeedbackSettings#cropRetention()}; whole segments expire as stream time passes, and the changelog
 * ({@code compact,delete}) is bounded the same way. A lookup considers the crops stored at or after
 * {@code feedback timestamp - crop retention}.
 *
 * <p><b>Dedupe store</b> ({@link #ACCEPTED_STORE}): a logged key-value store of the last example accepted per crop
 * (label, labeller, pixel hash; a few dozen bytes), as long-lived as the training buffer itself.
 *
 * <p><b>Dead letters</b> go to {@link Topics#labelledFeedbackDlq()} with the original key and value bytes, the
 * original headers, the error headers of {@code DeadLetters} (naming the original labelled-feedback record, also for
 * failures after the repartition), and {@link FeedbackDeadLetters#HEADER_REASON}. The topology produces them itself;
 * the application's dead-letter exception handlers (configure them for {@code labelled-feedback-dlq} too) remain the
 * safety net for failures outside it. Invalid face crops are skipped and counted, not dead-lettered (the classifier
 * dead-letters them). Schema Registry outages fail the task, so no record is lost to them.
 */
public final class FeedbackTopology {

  public static final String FEEDBACK_SOURCE = "labelled-feedback-source";
  public static final String FEEDBACK_INTAKE = "feedback-intake";
  public static final String FEEDBACK_REPARTITION = "feedback-by-id";
  public static final String FEEDBACK_JOIN = "feedback-join";
  public static final String TRAINING_EXAMPLES_SINK = "training-examples-sink";
  public static final String CROPS_SOURCE = "face-crops-source";
  public static final String CROP_INTAKE = "crop-intake";
  public static final String CROPS_REPARTITION = "crops-by-id";
  public static final String CROP_INDEX = "crop-index";
  /** The crop-pixel window store; its changelog is {@code <application.id>-feedback-crop-pixels-changelog}. */
  public static final String CROP_STORE = "feedback-crop-pixels";
  /** The dedupe store; its changelog is {@code <application.id>-feedback-accepted-labels-changelog}. */
  public static final String ACCEPTED_STORE = "feedback-accepted-labels";

  /** The crop store keeps one entry per crop and timestamp: a window of one millisecond. */
  private static final Duration CROP_WINDOW = Duration.ofMillis(1);

  private FeedbackTopology() {}

  /**
   * The topology; the writer-schema label check uses a registry client built from the Kafka Streams configuration
   * ({@code schema.registry.url}, which the application's Streams properties must carry).
   */
  public static Topology build(FeedbackSettings settings, Topics topics, FeedbackCounters counters) {
    return build(settings, topics, counters, null);
  }

  /**
   * The topology; the writer-schema label check uses {@code registry} (pass the client the {@link Topics} were built
   * on), or, when null, a client built from the Kafka Streams configuration.
   */
  public static Topology build(FeedbackSettings settings, Topics topics, FeedbackCounters counters,
      SchemaRegistryClient registry) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(counters, "counters");
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(cropStore(settings.cropRetention()));
    builder.addStateStore(acceptedStore());
    String deadLetterTopic = topics.labelledFeedbackDlq().name();
    FeedbackReaderFactory readers = new FeedbackReaderFactory(topics.labelledFeedback().name(),
        topics.labelledFeedback().valueSerde().deserializer(), new GenericReaders(registry));

    // Crops: keep the pixels of valid crops, keyed by crop id, in the task that will see their feedback.
    String cropsTopic = topics.faceCrops().name();
    builder.stream(cropsTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(CROPS_SOURCE))
        .process(() -> new CropIntakeProcessor(cropsTopic, topics.faceCrops().valueSerde().deserializer(), counters),
            Named.as(CROP_INTAKE))
        .repartition(Repartitioned.<String, CropPixels>as(CROPS_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(new CropPixelsSerde())
            .withNumberOfPartitions(settings.partitions()))
        .process(() -> new CropIndexProcessor(CROP_STORE, counters), Named.as(CROP_INDEX), CROP_STORE);

    // Feedback: validate as it came, move it (original bytes) to its crop's task, join, dedupe, publish.
    KStream<String, Routed<byte[]>> intake = builder.stream(topics.labelledFeedback().name(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(FEEDBACK_SOURCE))
        .process(() -> new FeedbackIntakeProcessor(readers, deadLetterTopic, counters), Named.as(FEEDBACK_INTAKE));
    KStream<String, Routed<TrainingExample>> joined = deadLettersOut(intake, FEEDBACK_INTAKE,
        topics.labelledFeedbackDlq())
        .repartition(Repartitioned.<String, byte[]>as(FEEDBACK_REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray())
            .withNumberOfPartitions(settings.partitions()))
        .process(() -> new FeedbackJoinProcessor(readers, CROP_STORE, ACCEPTED_STORE, settings.cropRetention(),
            deadLetterTopic, counters), Named.as(FEEDBACK_JOIN), CROP_STORE, ACCEPTED_STORE);
    Topic<String, TrainingExample> examples = topics.trainingExamples();
    deadLettersOut(joined, FEEDBACK_JOIN, topics.labelledFeedbackDlq())
        .to(examples.name(), Produced.with(examples.keySerde(), examples.valueSerde())
            .withName(TRAINING_EXAMPLES_SINK));
    return builder.build();
  }

  /** Sends the dead letters of {@code routed} to the dead-letter topic and returns the values passed on. */
  private static <V> KStream<String, V> deadLettersOut(KStream<String, Routed<V>> routed, String stage,
      Topic<byte[], byte[]> deadLetterTopic) {
    Map<String, KStream<String, Routed<V>>> branches = routed.split(Named.as(stage + "-"))
        .branch((key, value) -> value instanceof Routed.DeadLetter, Branched.as("dead-letters"))
        .defaultBranch(Branched.as("passed"));
    branches.get(stage + "-dead-letters")
        .map((key, value) -> {
          Routed.DeadLetter<V> dead = (Routed.DeadLetter<V>) value;
          return KeyValue.pair(dead.key(), dead.value());
        }, Named.as(stage + "-dead-letter-bytes"))
        .to(deadLetterTopic.name(), Produced.with(deadLetterTopic.keySerde(), deadLetterTopic.valueSerde())
            .withName(stage + "-dead-letter-sink"));
    return branches.get(stage + "-passed")
        .mapValues(value -> ((Routed.Pass<V>) value).value(), Named.as(stage + "-passed-values"));
  }

  static StoreBuilder<WindowStore<String, CropPixels>> cropStore(Duration retention) {
    // Not cached: every crop is written once and read at most a few times, and the changelog must see each crop.
    return Stores.windowStoreBuilder(Stores.persistentWindowStore(CROP_STORE, retention, CROP_WINDOW, false),
            Serdes.String(), new CropPixelsSerde())
        .withLoggingEnabled(Map.of())
        .withCachingDisabled();
  }

  static StoreBuilder<KeyValueStore<String, AcceptedLabel>> acceptedStore() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCEPTED_STORE), Serdes.String(),
            new AcceptedLabelSerde())
        .withLoggingEnabled(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
        .withCachingDisabled();
  }
}
