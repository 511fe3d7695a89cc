package io.ferstream.replay.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns {@code --from} / {@code --to} bounds into per-partition offsets with a consumer's metadata calls.
 *
 * <p>A time bound is also a filter on the records' own timestamps. Offsets follow timestamps only roughly: records
 * written by the classifier carry their crop's timestamp but are committed later, and a transaction's commit marker
 * carries the commit time, so {@code offsetsForTimes(T)} can land before records stamped earlier than T. The offsets
 * of a time bound are therefore looked up {@code slack} further out ({@code from - slack}, {@code to + slack}) and
 * the reader keeps the records stamped in {@code [from, to)}.
 */
public final class RangeResolver {

  private final Consumer<?, ?> consumer;
  private final Duration timeout;
  private final Duration slack;

  public RangeResolver(Consumer<?, ?> consumer, Duration timeout, Duration slack) {
    this.consumer = consumer;
    this.timeout = timeout;
    this.slack = slack;
  }

  public RangeResolver(Consumer<?, ?> consumer, Duration timeout) {
    this(consumer, timeout, Duration.ZERO);
  }

  /**
   * @throws IllegalArgumentException when the topic does not exist or a partition named in a bound does not
   */
  public OffsetRange resolve(String topic, RangeBound from, RangeBound to) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("topic " + topic + " does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.stream().map(i -> new TopicPartition(topic, i.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(partitions::add);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
    Map<TopicPartition, Long> ending = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> start = offsets(partitions, from, true, beginning, ending);
    Map<TopicPartition, Long> end = offsets(partitions, to, false, beginning, ending);
    Map<TopicPartition, Long> s = new LinkedHashMap<>();
    Map<TopicPartition, Long> e = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      long lo = clamp(start.get(tp), beginning.get(tp), ending.get(tp));
      long hi = clamp(end.get(tp), beginning.get(tp), ending.get(tp));
      s.put(tp, lo);
      e.put(tp, Math.max(lo, hi));
    }
    long fromTime = from instanceof RangeBound.Time t ? t.time().toEpochMilli() : Long.MIN_VALUE;
    long toTime = to instanceof RangeBound.Time t ? t.time().toEpochMilli() : Long.MAX_VALUE;
    return new OffsetRange(topic, s, e, fromTime, toTime);
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, RangeBound bound, boolean isFrom,
      Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> ending) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (bound instanceof RangeBound.Edge edge) {
      partitions.forEach(tp -> out.put(tp, edge.earliest() ? beginning.get(tp) : ending.get(tp)));
    } else if (bound instanceof RangeBound.Offset o) {
      partitions.forEach(tp -> out.put(tp, o.offset()));
    } else if (bound instanceof RangeBound.PartitionOffsets po) {
      for (Integer p : po.offsets().keySet()) {
        if (partitions.stream().noneMatch(tp -> tp.partition() == p)) {
          throw new IllegalArgumentException("topic " + partitions.get(0).topic() + " has no partition " + p);
        }
      }
      partitions.forEach(tp -> out.put(tp, po.offsets().getOrDefault(tp.partition(),
          isFrom ? beginning.get(tp) : ending.get(tp))));
    } else if (bound instanceof RangeBound.Time t) {
      Map<TopicPartition, Long> query = new HashMap<>();
      long target = isFrom ? t.time().minus(slack).toEpochMilli() : t.time().plus(slack).toEpochMilli();
      partitions.forEach(tp -> query.put(tp, Math.max(0, target)));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
      // No record at or after the time: the range starts / ends at the partition's end.
      partitions.forEach(tp -> {
        OffsetAndTimestamp ot = found.get(tp);
        out.put(tp, ot == null ? ending.get(tp) : ot.offset());
      });
    } else {
      throw new IllegalArgumentException("unknown bound " + bound);
    }
    return out;
  }

  /** Whether {@code topic} exists (a missing topic reads as "no records", not as an error, where that is meant). */
  public static boolean exists(Consumer<?, ?> consumer, String topic, Duration timeout) {
    try {
      List<PartitionInfo> p = consumer.partitionsFor(topic, timeout);
      return p != null && !p.isEmpty();
    } catch (org.apache.kafka.common.errors.TimeoutException
        | org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
      return false;
    }
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
