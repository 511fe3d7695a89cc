package io.ferstream.aggregator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.aggregator.topology.EmotionAccumulator;
import io.ferstream.aggregator.topology.StatsMapper;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Answers queries from this instance's own stores (the sessions of the partitions it runs): the JSON bodies of the
 * REST API. Stateless apart from the store handles; the stores may throw
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while they migrate, which the caller retries.
 */
public final class LocalStats {

  /** Default span of a timeline when {@code from} is not given. */
  public static final Duration DEFAULT_TIMELINE_SPAN = Duration.ofMinutes(10);

  private final ReadOnlyKeyValueStore<String, EmotionAccumulator> totals;
  private final ReadOnlyWindowStore<String, EmotionAccumulator> tumbling;
  private final ReadOnlyWindowStore<String, EmotionAccumulator> hopping;
  private final Duration retention;

  public LocalStats(ReadOnlyKeyValueStore<String, EmotionAccumulator> totals,
      ReadOnlyWindowStore<String, EmotionAccumulator> tumbling, ReadOnlyWindowStore<String, EmotionAccumulator> hopping,
      Duration retention) {
    this.totals = totals;
    this.tumbling = tumbling;
    this.hopping = hopping;
    this.retention = retention;
  }

  /** Every local session, sorted by id: {@code {"sessionId", "total", "latestTumbling"}}. */
  public List<ObjectNode> sessions() {
    List<ObjectNode> sessions = new ArrayList<>();
    try (KeyValueIterator<String, EmotionAccumulator> all = totals.all()) {
      while (all.hasNext()) {
        KeyValue<String, EmotionAccumulator> kv = all.next();
        ObjectNode node = StatsJson.MAPPER.createObjectNode();
        node.put("sessionId", kv.key);
        node.set("total", StatsJson.toJson(StatsMapper.total(kv.key, kv.value)));
        node.set("latestTumbling", latest(kv.key, kv.value, WindowType.TUMBLING).map(StatsJson::toJson)
            .orElse(null));
        sessions.add(node);
      }
    }
    sessions.sort(java.util.Comparator.comparing(n -> n.get("sessionId").asText()));
    return sessions;
  }

  /** The raw running total of a session stored here. */
  public Optional<EmotionAccumulator> sessionTotal(String sessionId) {
    return Optional.ofNullable(totals.get(sessionId));
  }

  /** One session: {@code {"sessionId", "total", "latestTumbling", "latestHopping"}}, or empty when unknown here. */
  public Optional<ObjectNode> session(String sessionId) {
    EmotionAccumulator total = totals.get(sessionId);
    if (total == null) {
      return Optional.empty();
    }
    ObjectNode node = StatsJson.MAPPER.createObjectNode();
    node.put("sessionId", sessionId);
    node.set("total", StatsJson.toJson(StatsMapper.total(sessionId, total)));
    node.set("latestTumbling", latest(sessionId, total, WindowType.TUMBLING).map(StatsJson::toJson).orElse(null));
    node.set("latestHopping", latest(sessionId, total, WindowType.HOPPING).map(StatsJson::toJson).orElse(null));
    return Optional.of(node);
  }

  /**
   * The tumbling windows of a session that start in [{@code from}, {@code to}), oldest first:
   * {@code {"sessionId", "from", "to", "windows": [...]}}. A null {@code to} is just past the session's latest event,
   * a null {@code from} is {@link #DEFAULT_TIMELINE_SPAN} before {@code to}. Empty when the session is unknown here.
   */
  public Optional<ObjectNode> timeline(String sessionId, Long from, Long to) {
    EmotionAccumulator total = totals.get(sessionId);
    if (total == null) {
      return Optional.empty();
    }
    long end = to != null ? to : total.lastEventTime() + 1;
    long start = from != null ? from : end - DEFAULT_TIMELINE_SPAN.toMillis();
    ObjectNode node = StatsJson.MAPPER.createObjectNode();
    node.put("sessionId", sessionId);
    node.put("from", start);
    node.put("to", end);
    ArrayNode windows = node.putArray("windows");
    if (end > start && end > 0) {
      // fetch() bounds are inclusive window start times: [start, end - 1] is [start, end).
      // The key-range form returns the windows with their end, which the single-key form does not.
      try (KeyValueIterator<Windowed<String>, EmotionAccumulator> it = tumbling.fetch(sessionId, sessionId,
          Instant.ofEpochMilli(Math.max(0, start)), Instant.ofEpochMilli(end - 1))) {
        while (it.hasNext()) {
          KeyValue<Windowed<String>, EmotionAccumulator> kv = it.next();
          windows.add(StatsJson.toJson(StatsMapper.window(sessionId, WindowType.TUMBLING, kv.key.window().start(),
              kv.key.window().end(), kv.value)));
        }
      }
    }
    return Optional.of(node);
  }

  /** The window of the given kind with the latest start, within the retention before the session's last event. */
  Optional<SessionEmotionStats> latest(String sessionId, EmotionAccumulator total, WindowType type) {
    ReadOnlyWindowStore<String, EmotionAccumulator> store = type == WindowType.HOPPING ? hopping : tumbling;
    long last = total.lastEventTime();
    Instant from = Instant.ofEpochMilli(Math.max(0, last - retention.toMillis()));
    try (KeyValueIterator<Windowed<String>, EmotionAccumulator> it = store.backwardFetch(sessionId, sessionId, from,
        Instant.ofEpochMilli(Math.max(0, last)))) {
      if (it.hasNext()) {
        KeyValue<Windowed<String>, EmotionAccumulator> kv = it.next();
        return Optional.of(StatsMapper.window(sessionId, type, kv.key.window().start(), kv.key.window().end(),
            kv.value));
      }
    }
    return Optional.empty();
  }
}
