package io.ferstream.replay.range;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One end of a replayed range, as given on the command line ({@code --from}, {@code --to}):
 * <ul>
 *   <li>{@code earliest} / {@code latest}: the start / the end of every partition (the end as it is when the replay
 *       starts, so records arriving meanwhile are not read);</li>
 *   <li>a time: an ISO-8601 instant ({@code 2026-11-29T16:00:00Z}), a UTC date-time ({@code 2026-11-29T16:00}) or
 *       date ({@code 2026-11-29}), or a duration back from now ({@code -PT2H}, {@code -P1D}): the first record of
 *       each partition at or after that record timestamp, and only records stamped in the range
 *       ({@link RangeResolver});</li>
 *   <li>an offset: {@code 1200} on every partition, or per partition {@code 0:1200,1:1180}; a partition not named
 *       starts at its beginning (for {@code --from}) or ends at its end (for {@code --to}).</li>
 * </ul>
 */
public sealed interface RangeBound {

  /** The start (for --from) or end (for --to) of every partition. */
  record Edge(boolean earliest) implements RangeBound {}

  /** The first offset whose record timestamp is at or after {@code time}. */
  record Time(Instant time) implements RangeBound {}

  /** The same offset on every partition. */
  record Offset(long offset) implements RangeBound {}

  /** An offset per partition. */
  record PartitionOffsets(Map<Integer, Long> offsets) implements RangeBound {
    public PartitionOffsets {
      offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }
  }

  RangeBound EARLIEST = new Edge(true);
  RangeBound LATEST = new Edge(false);

  /**
   * Parses a bound.
   *
   * @param now the clock for relative times
   * @throws IllegalArgumentException with the accepted forms when {@code text} is none of them
   */
  static RangeBound parse(String text, Instant now) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("earliest") || lower.equals("beginning")) {
      return EARLIEST;
    }
    if (lower.equals("latest") || lower.equals("end")) {
      return LATEST;
    }
    if (lower.equals("now")) {
      return new Time(now);
    }
    if (t.matches("\\d+")) {
      return new Offset(Long.parseLong(t));
    }
    if (t.matches("\\d+:\\d+(,\\d+:\\d+)*")) {
      Map<Integer, Long> offsets = new LinkedHashMap<>();
      for (String part : t.split(",")) {
        String[] po = part.split(":");
        if (offsets.put(Integer.parseInt(po[0]), Long.parseLong(po[1])) != null) {
          throw new IllegalArgumentException("partition " + po[0] + " appears twice in '" + text + "'");
        }
      }
      return new PartitionOffsets(offsets);
    }
    if (t.startsWith("-P") || t.startsWith("-p")) {
      return new Time(now.minus(Duration.parse(t.substring(1))));
    }
    try {
      return new Time(Instant.parse(t));
    } catch (DateTimeParseException notAnInstant) {
      // try the zone-less forms below
    }
    try {
      return new Time(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notADateTime) {
      // try a date
    }
    try {
      return new Time(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a range bound: use earliest, latest, now, an "
          + "ISO-8601 time (2026-11-29T16:00:00Z, 2026-11-29T16:00 UTC, 2026-11-29), a duration back from now "
          + "(-PT2H), an offset (1200) or offsets per partition (0:1200,1:1180)", e);
    }
  }
}
