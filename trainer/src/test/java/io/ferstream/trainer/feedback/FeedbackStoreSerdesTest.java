package io.ferstream.trainer.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The internal serdes of the repartition topic and the stores round-trip, and refuse bytes that are not theirs. */
class FeedbackStoreSerdesTest {

  @Test
  void shouldRoundTripCropPixels() {
    CropPixelsSerde serde = new CropPixelsSerde();
    CropPixels crop = new CropPixels("séance-1", FeedbackFixture.pixels(1));

    CropPixels back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", crop));

    assertThat(back.sessionId()).isEqualTo("séance-1");
    assertThat(back.pixels()).isEqualTo(crop.pixels());
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 1, 0}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldRoundTripAcceptedLabels() {
    AcceptedLabelSerde serde = new AcceptedLabelSerde();
    AcceptedLabel label = new AcceptedLabel("HAPPY", "alice", AcceptedLabel.sha256(FeedbackFixture.pixels(1)));

    AcceptedLabel back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", label));

    assertThat(back.label()).isEqualTo("HAPPY");
    assertThat(back.labeller()).isEqualTo("alice");
    assertThat(back.samePixels(label)).isTrue();
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0, 9, 1}))
        .isInstanceOf(SerializationException.class);
  }
}
