package io.ferstream.aggregator.topology;

import static io.ferstream.aggregator.testing.Events.T0;
import static io.ferstream.aggregator.testing.Events.happy;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.testing.TopologyFixture;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.WindowType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record on emotion-events that cannot be decoded goes to emotion-events-dlq with its original bytes, its headers
 * and the error and source headers; the aggregator keeps counting the events after it.
 */
class EmotionEventDeadLetterTest {

  private TopologyFixture fixture;

  @BeforeEach
  void start() {
    // at_least_once: under exactly_once_v2 TopologyTestDriver deserializes a piped record before the task's
    // transaction is committed and then clears its MockProducer, uncommitted sends included, so it loses dead letters
    // produced by the deserialization handler (a driver artifact; the real runtime keeps them in the transaction).
    fixture = new TopologyFixture(Map.of(AggregatorConfig.PROCESSING_GUARANTEE, "at_least_once"));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private TestRecord<byte[], byte[]> onlyDeadLetter() {
    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    return dead.get(0);
  }

  private void assertTheNextEventIsStillAggregated() {
    fixture.send(happy("s1", T0 + 1_000));

    assertThat(fixture.totals().get("s1").count()).isEqualTo(1);
    List<SessionEmotionStats> out = fixture.stats.readValuesToList();
    assertThat(out).filteredOn(s -> s.getWindowType() == WindowType.TUMBLING)
        .extracting(SessionEmotionStats::getEventCount).containsExactly(1L);
  }

  @Test
  void shouldDeadLetterRandomBytesWithTheirOriginalBytesAndHeadersAndKeepAggregating() {
    byte[] garbage = new byte[64];
    new Random(42).nextBytes(garbage);
    garbage[0] = 42; // not the wire format's magic byte 0
    RecordHeaders headers = new RecordHeaders();
    headers.add("source", "camera-7".getBytes(StandardCharsets.UTF_8));
    byte[] key = "s1".getBytes(StandardCharsets.UTF_8);

    fixture.rawEvents.pipeInput(new TestRecord<>(key, garbage, headers, T0 + 500));

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertThat(letter.value()).isEqualTo(garbage);
    assertThat(letter.key()).isEqualTo(key);
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_EXCEPTION))
        .isEqualTo("io.ferstream.serde.UnknownMagicByteException");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_MESSAGE)).isNotBlank();
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_STACKTRACE)).isNotBlank();
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_STAGE)).isEqualTo("deserialization");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo("emotion-events");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_PARTITION)).isEqualTo("0");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("0");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TIMESTAMP)).isEqualTo(String.valueOf(T0 + 500));
    assertThat(DeadLetters.header(letter.headers(), "source")).isEqualTo("camera-7");
    assertThat(fixture.deadLettered).containsExactly(DeadLetters.Stage.DESERIALIZATION);
    assertThat(fixture.totals().get("s1")).isNull();
    // Kafka Streams counts the skipped record as dropped as well; /api/health shows both counts.
    assertThat(fixture.droppedRecords()).isEqualTo(1.0);

    assertTheNextEventIsStillAggregated();
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAnEventWithAnUnknownSchemaIdAndKeepAggregating() {
    byte[] unknownId = fixture.encode(happy("s1", T0)).clone();
    ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654);

    fixture.rawEvents.pipeInput("s1".getBytes(StandardCharsets.UTF_8), unknownId, T0);

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertThat(letter.value()).isEqualTo(unknownId);
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_EXCEPTION))
        .isEqualTo("io.ferstream.serde.UnknownSchemaIdException");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_MESSAGE)).contains("987654");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo("emotion-events");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("0");

    assertTheNextEventIsStillAggregated();
  }

  @Test
  void shouldUseTheConfiguredDeadLetterTopic() {
    fixture.close();
    fixture = new TopologyFixture(Map.of(AggregatorConfig.PROCESSING_GUARANTEE, "at_least_once",
        AggregatorConfig.TOPIC_EMOTION_EVENTS_DLQ, "events-rejected"));
    assertThat(fixture.config.deadLetterTopic()).isEqualTo("events-rejected");

    fixture.rawEvents.pipeInput("s1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1});

    assertThat(fixture.deadLetters.readValuesToList()).containsExactly(new byte[] {0, 1});
  }
}
