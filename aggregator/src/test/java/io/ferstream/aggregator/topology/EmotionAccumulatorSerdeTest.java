package io.ferstream.aggregator.topology;

import static io.ferstream.aggregator.testing.Events.event;
import static io.ferstream.aggregator.testing.Events.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.schemas.Emotion;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EmotionAccumulatorSerdeTest {

  private final EmotionAccumulatorSerde serde = new EmotionAccumulatorSerde();

  @Test
  void shouldRoundTripEveryField() {
    EmotionAccumulator acc = new EmotionAccumulator()
        .add(event("s", 1_000, 1, "a", probs(0.1, 0.2, 0.3, 0.1, 0.1, 0.2), Emotion.HAPPY), 1_000, 5, 10)
        .add(event("s", 2_000, 2, null, probs(0, 0, 0, 1, 0, 0), Emotion.SAD), 2_000, 6, 10);

    byte[] bytes = serde.serializer().serialize("t", acc);
    EmotionAccumulator back = serde.deserializer().deserialize("t", bytes);

    assertThat(back).isEqualTo(acc);
    assertThat(back.count()).isEqualTo(2);
    assertThat(back.faceCount()).isEqualTo(2);
    assertThat(back.mean(Emotion.SAD)).isEqualTo(acc.mean(Emotion.SAD));
    assertThat(back.firstEventTime()).isEqualTo(1_000);
    assertThat(back.lastEventTime()).isEqualTo(2_000);
    assertThat(back.updated()).isEqualTo(6);
  }

  @Test
  void shouldIgnoreUnknownFieldsOfANewerVersion() {
    String json = "{\"n\":1,\"c\":[0,0,1,0,0,0],\"p\":[0,0,1,0,0,0],\"first\":5,\"last\":5,\"upd\":7,"
        + "\"tracks\":[\"a\"],\"frames\":{},\"untracked\":0,\"future\":true}";
    EmotionAccumulator acc = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    assertThat(acc.count()).isEqualTo(1);
    assertThat(acc.count(Emotion.HAPPY)).isEqualTo(1);
    assertThat(acc.faceCount()).isEqualTo(1);
  }

  @Test
  void shouldPassNullsThroughAndRejectGarbage() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
  }
}
