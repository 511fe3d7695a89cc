package io.ferstream.trainer.feedback;

import static io.ferstream.trainer.feedback.FeedbackFixture.T0;
import static io.ferstream.trainer.feedback.FeedbackFixture.counts;
import static io.ferstream.trainer.feedback.FeedbackFixture.label;
import static io.ferstream.trainer.feedback.FeedbackFixture.pixels;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.serde.GenericAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feedback the trainer cannot use goes to labelled-feedback-dlq with its original key and value bytes, its headers,
 * the error headers naming the original labelled-feedback record, and the reason; it is counted by reason and the
 * next record is processed as usual.
 */
class FeedbackDeadLetterTest {

  private static final byte[] KEY = "key-bytes".getBytes(StandardCharsets.UTF_8);

  private FeedbackFixture fixture;

  @BeforeEach
  void start() {
    fixture = new FeedbackFixture();
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

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    return DeadLetters.header(record.headers(), name);
  }

  private static RecordHeaders traced() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", "t-42".getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private void assertDeadLetterOf(TestRecord<byte[], byte[]> letter, byte[] value, long offset, long timestamp,
      String reason) {
    assertThat(letter.key()).isEqualTo(KEY);
    assertThat(letter.value()).isEqualTo(value);
    assertThat(letter.timestamp()).isEqualTo(timestamp);
    assertThat(header(letter, "trace-id")).isEqualTo("t-42");
    assertThat(header(letter, FeedbackDeadLetters.HEADER_REASON)).isEqualTo(reason);
    assertThat(header(letter, DeadLetters.HEADER_EXCEPTION)).isEqualTo(InvalidFeedbackException.class.getName());
    assertThat(header(letter, DeadLetters.HEADER_STACKTRACE)).isNotBlank();
    assertThat(header(letter, DeadLetters.HEADER_STAGE)).isEqualTo("processing");
    assertThat(header(letter, DeadLetters.HEADER_TOPIC)).isEqualTo("labelled-feedback");
    assertThat(header(letter, DeadLetters.HEADER_PARTITION)).isEqualTo("0");
    assertThat(header(letter, DeadLetters.HEADER_OFFSET)).isEqualTo(Long.toString(offset));
    assertThat(header(letter, DeadLetters.HEADER_TIMESTAMP)).isEqualTo(Long.toString(timestamp));
    // The topology's internal origin headers stay inside it.
    for (Header h : letter.headers()) {
      assertThat(h.key()).doesNotStartWith(OriginHeaders.PREFIX);
    }
    // Produced by the topology, not by Kafka Streams' exception handlers.
    assertThat(fixture.handlerDeadLetters).isEmpty();
  }

  /** The next valid feedback is still accepted. */
  private void assertTheNextFeedbackIsAccepted() {
    fixture.sendFeedback(label("next", Emotion.SAD, "alice", pixels(9), T0 + 10_000), T0 + 10_000);
    assertThat(fixture.examples.readValuesToList()).extracting(e -> e.getCropId()).containsExactly("next");
  }

  @Test
  void shouldDeadLetterFeedbackForAnUnknownCropNamingTheOriginalRecord() {
    fixture.sendFeedback(label("c0", Emotion.HAPPY, "alice", pixels(1), T0), T0); // offset 0
    fixture.examples.readValuesToList();
    byte[] value = fixture.encode(label("c-unknown", Emotion.HAPPY, "alice", null, T0 + 5));

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, value, traced(), T0 + 5)); // offset 1

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertDeadLetterOf(letter, value, 1, T0 + 5, "unknown-or-expired-crop");
    assertThat(header(letter, DeadLetters.HEADER_MESSAGE)).contains("c-unknown", "carries no pixels",
        "unknown crop id, or older than the crop retention");
    assertThat(fixture.examples.isEmpty()).isTrue();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 1, "from-feedback-pixels", 1,
        "dead-lettered.unknown-or-expired-crop", 1));
    assertTheNextFeedbackIsAccepted();
  }

  @Test
  void shouldDeadLetterALabelOutsideTheSixClassesInsteadOfReadingItAsNeutral() {
    Schema writer = new Schema.Parser().parse(LabelledFeedback.getClassSchema().toString()
        .replace("\"SURPRISE\",\"NEUTRAL\"]", "\"SURPRISE\",\"NEUTRAL\",\"DISGUST\"]"));
    Schema emotion = writer.getField("label").schema();
    assertThat(emotion.getEnumSymbols()).contains("DISGUST");
    GenericRecord disgust = new GenericData.Record(writer);
    disgust.put("cropId", "c1");
    disgust.put("sessionId", "s1");
    disgust.put("label", new GenericData.EnumSymbol(emotion, "DISGUST"));
    disgust.put("labeller", "fer2013-import");
    disgust.put("labelledTimestamp", T0);
    disgust.put("pixels", ByteBuffer.wrap(pixels(1)));
    byte[] value;
    try (GenericAvroSerde serde = new GenericAvroSerde(fixture.registry)) {
      value = serde.serializer().serialize("labelled-feedback", disgust);
    }
    // What makes this case dangerous: the specific reader resolves the unknown symbol to the enum default.
    assertThat(fixture.topics.labelledFeedback().valueSerde().deserializer().deserialize("labelled-feedback", value)
        .getLabel()).isEqualTo(Emotion.NEUTRAL);

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, value, traced(), T0));

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertDeadLetterOf(letter, value, 0, T0, "invalid-label");
    assertThat(header(letter, DeadLetters.HEADER_MESSAGE)).contains("DISGUST");
    assertThat(fixture.examples.isEmpty()).isTrue();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("dead-lettered.invalid-label", 1));
    assertTheNextFeedbackIsAccepted();
  }

  @Test
  void shouldDeadLetterPixelsThatAreNot48By48() {
    byte[] value = fixture.encode(label("c1", Emotion.HAPPY, "alice", pixels(1, 2_303), T0));

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, value, traced(), T0));

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertDeadLetterOf(letter, value, 0, T0, "invalid-pixels");
    assertThat(header(letter, DeadLetters.HEADER_MESSAGE)).contains("2303 pixel bytes, expected 2304");
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("dead-lettered.invalid-pixels", 1));
    assertTheNextFeedbackIsAccepted();
  }

  @Test
  void shouldDeadLetterUndecodableBytes() {
    byte[] garbage = new byte[64];
    new Random(42).nextBytes(garbage);
    garbage[0] = 42; // not the wire format's magic byte

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, garbage, traced(), T0));

    TestRecord<byte[], byte[]> letter = onlyDeadLetter();
    assertDeadLetterOf(letter, garbage, 0, T0, "undecodable");
    assertThat(header(letter, DeadLetters.HEADER_MESSAGE)).contains("UnknownMagicByteException");
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("dead-lettered.undecodable", 1));
    assertTheNextFeedbackIsAccepted();
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdAsUndecodable() {
    byte[] value = fixture.encode(label("c1", Emotion.HAPPY, "alice", null, T0));
    value[4] = 99; // schema id 99 is not registered

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, value, traced(), T0));

    assertDeadLetterOf(onlyDeadLetter(), value, 0, T0, "undecodable");
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("dead-lettered.undecodable", 1));
  }

  @Test
  void shouldDeadLetterABlankLabellerOrCropIdOrNoValueAsAnInvalidField() {
    byte[] noLabeller = fixture.encode(label("c1", Emotion.HAPPY, " ", pixels(1), T0));
    byte[] noCrop = fixture.encode(label("", Emotion.HAPPY, "alice", pixels(1), T0 + 1));

    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, noLabeller, traced(), T0));
    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, noCrop, traced(), T0 + 1));
    fixture.rawFeedback.pipeInput(new TestRecord<>(KEY, null, traced(), T0 + 2));

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(3);
    assertDeadLetterOf(dead.get(0), noLabeller, 0, T0, "invalid-field");
    assertDeadLetterOf(dead.get(1), noCrop, 1, T0 + 1, "invalid-field");
    assertDeadLetterOf(dead.get(2), null, 2, T0 + 2, "invalid-field");
    assertThat(header(dead.get(0), DeadLetters.HEADER_MESSAGE)).contains("no labeller");
    assertThat(header(dead.get(1), DeadLetters.HEADER_MESSAGE)).contains("no crop id");
    assertThat(header(dead.get(2), DeadLetters.HEADER_MESSAGE)).contains("no value");
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("dead-lettered.invalid-field", 3));
  }
}
