package io.ferstream.ingest.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/** Parses {@code --start-time}: now, file, an ISO-8601 instant or epoch milliseconds. */
final class StartTime {

  private StartTime() {
  }

  /**
   * @param fromFile the source's own time (container creation time, file time), for {@code file}
   * @throws IllegalArgumentException for text that is none of the forms
   */
  static Instant resolve(String spec, Instant now, Supplier<Optional<Instant>> fromFile) {
    String s = spec == null ? "now" : spec.trim();
    if (s.equalsIgnoreCase("now")) {
      return now;
    }
    if (s.equalsIgnoreCase("file")) {
      return fromFile.get().orElseThrow(() -> new IllegalArgumentException(
          "--start-time file: this source has no time of its own; give an instant or use now"));
    }
    if (s.matches("\\d{1,15}")) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--start-time '" + s + "' is not now, file, an ISO-8601 instant "
          + "(2026-01-31T12:00:00Z) or epoch milliseconds");
    }
  }
}
