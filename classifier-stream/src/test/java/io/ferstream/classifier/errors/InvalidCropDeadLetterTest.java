package io.ferstream.classifier.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.PlainAvroSerde;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.classifier.testing.TopologyFixture;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.FaceCrop;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Crops that decode but cannot be classified go to the dead-letter topic through the processing handler. */
class InvalidCropDeadLetterTest {

  private final TopologyFixture fixture = TopologyFixture.plain(Map.of(ClassifierConfig.BATCH_MAX_SIZE, 2), new TestEngine("r1"));
  private final PlainAvroSerde<FaceCrop> serde = new PlainAvroSerde<>(FaceCrop.class);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldDeadLetterACropWithTheWrongPixelCountWithItsOriginalBytesAndKeepGoing() {
    FaceCrop bad = Crops.crop("s1", 1, new byte[2000], 48, 48);
    byte[] original = serde.serializer().serialize("t", bad);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", new byte[] {1, 2, 3});
    fixture.send(Crops.crop("s1", 0, 1));
    fixture.rawCrops.pipeInput(new TestRecord<>("s1", original, headers, 1_234L));
    fixture.send(Crops.crop("s1", 2, 2));

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    TestRecord<byte[], byte[]> letter = dead.get(0);
    assertThat(letter.value()).isEqualTo(original);
    assertThat(new String(letter.key())).isEqualTo("s1");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_EXCEPTION))
        .isEqualTo(InvalidCropException.class.getName());
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_MESSAGE)).contains("2000 pixel bytes");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo("face-crops");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_PARTITION)).isEqualTo("0");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("1");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_TIMESTAMP)).isEqualTo("1234");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_STAGE)).isEqualTo("processing");
    assertThat(letter.headers().lastHeader("trace-id").value()).containsExactly(1, 2, 3);

    assertThat(fixture.events.readValuesToList()).extracting(e -> e.getFrameNumber()).containsExactly(0L, 2L);
    assertThat(fixture.metrics.getDeadLettersTotal()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterACropThatIsNot48By48() {
    fixture.rawCrops.pipeInput("s1", serde.serializer().serialize("t", Crops.crop("s1", 0, new byte[64 * 64], 64, 64)));

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.HEADER_MESSAGE)).contains("64x64");
  }

  @Test
  void shouldDeadLetterATombstone() {
    fixture.rawCrops.pipeInput("s1", (byte[]) null);

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).value()).isNull();
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.HEADER_MESSAGE)).contains("no value");
  }
}
