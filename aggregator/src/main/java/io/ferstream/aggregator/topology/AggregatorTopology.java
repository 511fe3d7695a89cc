package io.ferstream.aggregator.topology;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregator's topology: {@code emotion-events} (keyed by session id, event time = frame time) grouped by
 * session, without repartitioning, into three aggregations that share one sub-topology (so one task owns all three
 * stores of a session):
 * <ul>
 *   <li>{@link #TUMBLING_STORE}: tumbling windows of {@code window.tumbling.size.ms};
 *   <li>{@link #HOPPING_STORE}: hopping windows of {@code window.hopping.size.ms} every {@code window.hopping.advance.ms};
 *   <li>{@link #TOTALS_STORE}: the running total of the session's lifetime.
 * </ul>
 * Windows accept out-of-order events until {@code window.grace.ms} after their end (stream time); Kafka Streams
 * drops later ones from the closed windows with a WARN log and the task's {@code dropped-records} metric. Every
 * update (after the record cache, i.e. at most once per key and window per commit) is published to
 * {@code session-emotion-stats}; nothing is suppressed, which suits a live dashboard. The stores stay queryable
 * for {@code window.retention.ms}.
 */
public final class AggregatorTopology {

  public static final String TUMBLING_STORE = "session-tumbling-stats";
  public static final String HOPPING_STORE = "session-hopping-stats";
  public static final String TOTALS_STORE = "session-total-stats";

  private AggregatorTopology() {}

  /** The topology with the wall clock stamping {@code updatedTimestamp}. */
  public static Topology build(AggregatorConfig config, AggregatorSerdes serdes) {
    return build(config, serdes, System::currentTimeMillis);
  }

  /** The topology; {@code clock} stamps {@code updatedTimestamp} (tests pass a fixed one). */
  public static Topology build(AggregatorConfig config, AggregatorSerdes serdes, LongSupplier clock) {
    StreamsBuilder builder = new StreamsBuilder();
    int maxFaces = config.maxFaces();

    KStream<String, EmotionEvent> events = builder.stream(config.emotionEventsTopic(),
        Consumed.with(serdes.key(), serdes.event()).withTimestampExtractor(new EventTimeExtractor())
            .withName("emotion-events"));
    // Records are keyed by session already: groupByKey keeps them on their partition (no repartition topic).
    KGroupedStream<String, EmotionEvent> bySession = events
        .filter((session, event) -> session != null && event != null, Named.as("drop-null"))
        .groupByKey(Grouped.with("by-session", serdes.key(), serdes.event()));

    KStream<String, SessionEmotionStats> tumbling = bySession
        .windowedBy(TimeWindows.ofSizeAndGrace(config.tumblingSize(), config.grace()))
        .aggregate(EmotionAccumulator::new,
            (session, event, acc) -> acc.add(event, event.getFrameTimestamp().toEpochMilli(), clock.getAsLong(),
                maxFaces),
            Named.as("tumbling-aggregate"),
            Materialized.<String, EmotionAccumulator, WindowStore<Bytes, byte[]>>as(TUMBLING_STORE)
                .withKeySerde(serdes.key()).withValueSerde(serdes.state()).withRetention(config.retention()))
        .toStream(Named.as("tumbling-updates"))
        .filter((window, acc) -> acc != null, Named.as("tumbling-non-null"))
        .map((window, acc) -> windowStats(window, WindowType.TUMBLING, acc), Named.as("tumbling-stats"));

    KStream<String, SessionEmotionStats> hopping = bySession
        .windowedBy(TimeWindows.ofSizeAndGrace(config.hoppingSize(), config.grace())
            .advanceBy(config.hoppingAdvance()))
        .aggregate(EmotionAccumulator::new,
            (session, event, acc) -> acc.add(event, event.getFrameTimestamp().toEpochMilli(), clock.getAsLong(),
                maxFaces),
            Named.as("hopping-aggregate"),
            Materialized.<String, EmotionAccumulator, WindowStore<Bytes, byte[]>>as(HOPPING_STORE)
                .withKeySerde(serdes.key()).withValueSerde(serdes.state()).withRetention(config.retention()))
        .toStream(Named.as("hopping-updates"))
        .filter((window, acc) -> acc != null, Named.as("hopping-non-null"))
        .map((window, acc) -> windowStats(window, WindowType.HOPPING, acc), Named.as("hopping-stats"));

    KStream<String, SessionEmotionStats> totals = bySession
        .aggregate(EmotionAccumulator::new,
            (session, event, acc) -> acc.add(event, event.getFrameTimestamp().toEpochMilli(), clock.getAsLong(),
                maxFaces),
            Named.as("total-aggregate"),
            Materialized.<String, EmotionAccumulator, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                .withKeySerde(serdes.key()).withValueSerde(serdes.state()))
        .toStream(Named.as("total-updates"))
        .filter((session, acc) -> acc != null, Named.as("total-non-null"))
        .mapValues(StatsMapper::total, Named.as("total-stats"));

    tumbling.merge(hopping, Named.as("merge-windows")).merge(totals, Named.as("merge-totals"))
        .to(config.sessionStatsTopic(), Produced.with(serdes.key(), serdes.stats()).withName("session-emotion-stats"));
    return builder.build();
  }

  private static KeyValue<String, SessionEmotionStats> windowStats(Windowed<String> window, WindowType type,
      EmotionAccumulator acc) {
    return KeyValue.pair(window.key(), StatsMapper.window(window.key(), type, window.window().start(),
        window.window().end(), acc));
  }
}
