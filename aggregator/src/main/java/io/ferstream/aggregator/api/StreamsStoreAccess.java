package io.ferstream.aggregator.api;

import io.ferstream.aggregator.topology.AggregatorTopology;
import io.ferstream.aggregator.topology.EmotionAccumulator;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** {@link StoreAccess} over a running {@link KafkaStreams}: interactive queries on active stores only. */
public final class StreamsStoreAccess implements StoreAccess {

  private final KafkaStreams streams;
  private final HostInfo self;
  private final Duration retention;
  private final LongSupplier deadLetters;

  public StreamsStoreAccess(KafkaStreams streams, HostInfo self, Duration retention, LongSupplier deadLetters) {
    this.streams = streams;
    this.self = self;
    this.retention = retention;
    this.deadLetters = deadLetters;
  }

  @Override
  public LocalStats local() throws NotQueryableException {
    return stores(null);
  }

  @Override
  public LocalStats localFor(String sessionId) throws NotQueryableException {
    return stores(metadata(sessionId).partition());
  }

  private LocalStats stores(Integer partition) throws NotQueryableException {
    try {
      StoreQueryParameters<ReadOnlyKeyValueStore<String, EmotionAccumulator>> totals =
          StoreQueryParameters.fromNameAndType(AggregatorTopology.TOTALS_STORE, QueryableStoreTypes.keyValueStore());
      StoreQueryParameters<ReadOnlyWindowStore<String, EmotionAccumulator>> tumbling =
          StoreQueryParameters.fromNameAndType(AggregatorTopology.TUMBLING_STORE, QueryableStoreTypes.windowStore());
      StoreQueryParameters<ReadOnlyWindowStore<String, EmotionAccumulator>> hopping =
          StoreQueryParameters.fromNameAndType(AggregatorTopology.HOPPING_STORE, QueryableStoreTypes.windowStore());
      if (partition != null) {
        totals = totals.withPartition(partition);
        tumbling = tumbling.withPartition(partition);
        hopping = hopping.withPartition(partition);
      }
      return new LocalStats(streams.store(totals), streams.store(tumbling), streams.store(hopping), retention);
    } catch (InvalidStateStoreException e) {
      throw new NotQueryableException("state stores not queryable (Kafka Streams is " + streams.state() + ")", e);
    }
  }

  @Override
  public HostInfo owner(String sessionId) throws NotQueryableException {
    return metadata(sessionId).activeHost();
  }

  private KeyQueryMetadata metadata(String sessionId) throws NotQueryableException {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(AggregatorTopology.TOTALS_STORE, sessionId, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new NotQueryableException("no metadata: Kafka Streams is " + streams.state(), e);
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
      throw new NotQueryableException("owner of session not known yet (Kafka Streams is " + streams.state() + ")",
          null);
    }
    return metadata;
  }

  @Override
  public Set<HostInfo> peers() {
    try {
      return streams.streamsMetadataForStore(AggregatorTopology.TOTALS_STORE).stream()
          .map(StreamsMetadata::hostInfo)
          .filter(h -> !h.equals(self))
          .collect(Collectors.toSet());
    } catch (IllegalStateException e) {
      return Set.of();
    }
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public Optional<String> state() {
    return Optional.of(streams.state().name());
  }

  @Override
  public long deadLetters() {
    return deadLetters.getAsLong();
  }

  @Override
  public double droppedRecords() {
    return streams.metrics().values().stream()
        .filter(m -> "dropped-records-total".equals(m.metricName().name())
            && "stream-task-metrics".equals(m.metricName().group()))
        .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
        .sum();
  }
}
