package io.ferstream.replay.range;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of a topic to replay: per partition, offsets {@code [start, end)}, and of those only the records whose
 * timestamp is in {@code [fromTime, toTime)} (the whole long range when the bounds are not times). Partitions with
 * nothing to read are kept (start == end) so that reports can say so.
 */
public record OffsetRange(String topic, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, long fromTime,
    long toTime) {

  public OffsetRange {
    start = Collections.unmodifiableMap(new LinkedHashMap<>(start));
    end = Collections.unmodifiableMap(new LinkedHashMap<>(end));
  }

  /** A range of offsets only. */
  public OffsetRange(String topic, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
    this(topic, start, end, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Whether a record of the offset range with this timestamp belongs to the range. */
  public boolean inTime(long timestamp) {
    return timestamp >= fromTime && timestamp < toTime;
  }

  /** Records in the range (offsets, so transaction markers and compacted-away records count too). */
  public long size() {
    long n = 0;
    for (Map.Entry<TopicPartition, Long> e : start.entrySet()) {
      n += Math.max(0, end.get(e.getKey()) - e.getValue());
    }
    return n;
  }

  /** "p0 [12, 340), p1 [0, 300)" for logs and reports. */
  public String describe() {
    StringBuilder sb = new StringBuilder(topic).append(' ');
    boolean first = true;
    for (Map.Entry<TopicPartition, Long> e : start.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append('p').append(e.getKey().partition()).append(" [").append(e.getValue()).append(", ")
          .append(end.get(e.getKey())).append(')');
    }
    if (fromTime != Long.MIN_VALUE || toTime != Long.MAX_VALUE) {
      sb.append(", records stamped in [").append(fromTime == Long.MIN_VALUE ? "-" : java.time.Instant.ofEpochMilli(fromTime))
          .append(", ").append(toTime == Long.MAX_VALUE ? "-" : java.time.Instant.ofEpochMilli(toTime)).append(')');
    }
    return sb.toString();
  }
}
