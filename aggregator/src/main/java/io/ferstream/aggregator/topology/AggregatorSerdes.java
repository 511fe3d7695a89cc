package io.ferstream.aggregator.topology;

import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.SessionEmotionStats;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every serde of the topology, explicit: String session-id keys, Avro (Confluent wire format) input events and
 * output statistics, and the JSON accumulator of the state stores.
 */
public record AggregatorSerdes(Serde<String> key, Serde<EmotionEvent> event, Serde<SessionEmotionStats> stats,
    Serde<EmotionAccumulator> state) {

  public static AggregatorSerdes of(Serde<EmotionEvent> event, Serde<SessionEmotionStats> stats) {
    return new AggregatorSerdes(Serdes.String(), event, stats, new EmotionAccumulatorSerde());
  }

  /** The serdes of the configured topics (their registry client and settings). */
  public static AggregatorSerdes from(Topics topics) {
    return of(topics.emotionEvents().valueSerde(), topics.sessionEmotionStats().valueSerde());
  }
}
