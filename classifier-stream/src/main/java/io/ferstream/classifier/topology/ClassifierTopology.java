package io.ferstream.classifier.topology;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The classifier's topology: {@code face-crops} -> micro-batch (logged pending store) -> {@code emotion-events},
 * keyed by session id. Dead letters do not appear here: Kafka Streams' exception handlers produce them (see
 * {@code io.ferstream.common.streams.errors}). Building it has no side effects.
 */
public final class ClassifierTopology {

  public static final String SOURCE = "face-crops-source";
  public static final String MICRO_BATCH = "micro-batch";
  public static final String SINK = "emotion-events-sink";
  /** The pending store; its changelog is {@code <application.id>-pending-crops-changelog}. */
  public static final String PENDING_STORE = "pending-crops";

  /** What the micro-batch processors share at run time. */
  public record Services(CoordinatorRegistry coordinators, ClassifierMetrics metrics, LongSupplier wallClock) {}

  private ClassifierTopology() {}

  public static Topology build(ClassifierConfig config, ClassifierSerdes serdes, Services services) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, serdes.key().deserializer(), serdes.faceCrop().deserializer(),
        config.faceCropsTopic());
    topology.addProcessor(MICRO_BATCH, new Supplier(services, config.punctuateInterval(), config.eagerCommitPolicy()),
        SOURCE);
    topology.addSink(SINK, config.emotionEventsTopic(), serdes.key().serializer(),
        serdes.emotionEvent().serializer(), MICRO_BATCH);
    return topology;
  }

  static StoreBuilder<KeyValueStore<Long, PendingCrop>> pendingStore() {
    // In memory (it holds at most a batch or two per task), logged to a compacted changelog, cached so that a crop
    // added and forwarded within one commit interval costs the changelog a tombstone only.
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE), Serdes.Long(),
            new PendingCropSerde())
        .withLoggingEnabled(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
        .withCachingEnabled();
  }

  private record Supplier(Services services, Duration punctuateInterval, EagerCommitPolicy eagerCommit)
      implements ProcessorSupplier<String, FaceCrop, String, EmotionEvent> {

    @Override
    public Processor<String, FaceCrop, String, EmotionEvent> get() {
      return new MicroBatchProcessor(PENDING_STORE, services.coordinators(), services.metrics(),
          services.wallClock(), punctuateInterval, eagerCommit);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(pendingStore());
    }
  }
}
