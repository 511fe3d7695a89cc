package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where a feedback record came from, carried in headers across the {@code feedback-by-id} repartition topic: past
 * it, the task only knows the repartition topic's coordinates, but a dead letter must name the original
 * labelled-feedback record (topic, partition, offset, timestamp) and carry its original key.
 */
final class OriginHeaders {

  static final String PREFIX = "ferstream.feedback.origin.";
  static final String TOPIC = PREFIX + "topic";
  static final String PARTITION = PREFIX + "partition";
  static final String OFFSET = PREFIX + "offset";
  static final String TIMESTAMP = PREFIX + "timestamp";
  /** The original key bytes; present with a null value when the original key was null. */
  static final String KEY = PREFIX + "key";

  /** A record's origin: its coordinates, timestamp and key, and its other headers. */
  record Origin(DeadLetters.Source source, byte[] key) {}

  private OriginHeaders() {}

  /** {@code headers} without any origin header, plus the given origin. */
  static Headers with(Headers headers, String topic, int partition, long offset, long timestamp, byte[] key) {
    Headers out = without(headers);
    out.add(TOPIC, utf8(topic));
    out.add(PARTITION, utf8(Integer.toString(partition)));
    out.add(OFFSET, utf8(Long.toString(offset)));
    out.add(TIMESTAMP, utf8(Long.toString(timestamp)));
    out.add(KEY, key);
    return out;
  }

  /** A copy of {@code headers} without the origin headers. */
  static Headers without(Headers headers) {
    RecordHeaders out = new RecordHeaders();
    if (headers != null) {
      for (Header h : headers) {
        if (!h.key().startsWith(PREFIX)) {
          out.add(h);
        }
      }
    }
    return out;
  }

  /**
   * The origin written by {@link #with}, or null when the headers do not carry a complete one (a record that did
   * not come through the feedback intake).
   */
  static Origin read(Headers headers) {
    String topic = DeadLetters.header(headers, TOPIC);
    String partition = DeadLetters.header(headers, PARTITION);
    String offset = DeadLetters.header(headers, OFFSET);
    String timestamp = DeadLetters.header(headers, TIMESTAMP);
    Header key = headers.lastHeader(KEY);
    if (topic == null || partition == null || offset == null || timestamp == null || key == null) {
      return null;
    }
    try {
      return new Origin(new DeadLetters.Source(topic, Integer.parseInt(partition), Long.parseLong(offset),
          Long.parseLong(timestamp), without(headers)), key.value());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
