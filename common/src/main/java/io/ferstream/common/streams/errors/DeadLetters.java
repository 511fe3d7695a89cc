package io.ferstream.common.streams.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Builds dead-letter records: the original key and value bytes, the original headers, plus headers that say what
 * went wrong and where the record came from. The error headers use the names of Kafka Streams' own dead-letter
 * support (KIP-1034, {@code __streams.errors.*}, UTF-8 strings) so tools that read those read these; FerStream
 * adds the stage and the source record's timestamp.
 */
public final class DeadLetters {

  public static final String HEADER_EXCEPTION = "__streams.errors.exception";
  public static final String HEADER_MESSAGE = "__streams.errors.message";
  public static final String HEADER_STACKTRACE = "__streams.errors.stacktrace";
  public static final String HEADER_TOPIC = "__streams.errors.topic";
  public static final String HEADER_PARTITION = "__streams.errors.partition";
  public static final String HEADER_OFFSET = "__streams.errors.offset";
  public static final String HEADER_TIMESTAMP = "ferstream.errors.timestamp";
  public static final String HEADER_STAGE = "ferstream.errors.stage";

  private static final int MAX_STACKTRACE_CHARS = 8_192;

  /** Where in the application the record failed. */
  public enum Stage {
    DESERIALIZATION, PROCESSING, PRODUCTION;

    String header() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where the failed record came from. */
  public record Source(String topic, int partition, long offset, long timestamp, Headers headers) {}

  private DeadLetters() {}

  /** The dead-letter topic configured for Kafka Streams ({@code errors.dead.letter.queue.topic.name}). */
  public static String topicFrom(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new InvalidConfigurationException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
          + " must name the dead-letter topic");
    }
    return topic.toString();
  }

  /** A dead-letter record for {@code topic} carrying the original bytes and the error headers. */
  public static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, Source source,
      Stage stage, Exception error) {
    Objects.requireNonNull(topic, "topic");
    Long timestamp = source.timestamp() >= 0 ? source.timestamp() : null;
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, timestamp, key, value);
    Headers headers = dead.headers();
    if (source.headers() != null) {
      for (Header h : source.headers()) {
        if (!h.key().startsWith("__streams.errors.") && !h.key().startsWith("ferstream.errors.")) {
          headers.add(h);
        }
      }
    }
    headers.add(HEADER_EXCEPTION, utf8(error.getClass().getName()));
    headers.add(HEADER_MESSAGE, utf8(error.getMessage()));
    headers.add(HEADER_STACKTRACE, utf8(stackTrace(error)));
    headers.add(HEADER_TOPIC, utf8(source.topic()));
    headers.add(HEADER_PARTITION, utf8(String.valueOf(source.partition())));
    headers.add(HEADER_OFFSET, utf8(String.valueOf(source.offset())));
    headers.add(HEADER_TIMESTAMP, utf8(String.valueOf(source.timestamp())));
    headers.add(HEADER_STAGE, utf8(stage.header()));
    return dead;
  }

  /** A header's value as a string, or null. */
  public static String header(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String stackTrace(Exception error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    String trace = out.toString();
    return trace.length() <= MAX_STACKTRACE_CHARS ? trace : trace.substring(0, MAX_STACKTRACE_CHARS);
  }
}
