package io.ferstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

  @Test
  void shouldWriteMagicByteAndBigEndianId() {
    assertThat(ConfluentWireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadTheSchemaId() {
    byte[] payload = {0, 0, 0, 1, 0x2c, 42};

    assertThat(ConfluentWireFormat.schemaId(payload)).isEqualTo(300);
    assertThat(ConfluentWireFormat.findSchemaId(payload)).hasValue(300);
  }

  @Test
  void shouldRejectAnUnknownMagicByte() {
    byte[] payload = {1, 0, 0, 0, 1, 42};

    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(payload))
        .isInstanceOfSatisfying(UnknownMagicByteException.class, e -> assertThat(e.magicByte()).isEqualTo((byte) 1))
        .hasMessageContaining("Unknown magic byte 0x01");
    assertThat(ConfluentWireFormat.findSchemaId(payload)).isEmpty();
    assertThat(ConfluentWireFormat.findSchemaId("{\"json\":1}".getBytes())).isEmpty();
  }

  @Test
  void shouldRejectPayloadsShorterThanTheHeader() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
        .isInstanceOfSatisfying(PayloadTooShortException.class, e -> assertThat(e.length()).isEqualTo(3));
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[0])).isInstanceOf(PayloadTooShortException.class);
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(null)).isInstanceOf(PayloadTooShortException.class);
    assertThat(ConfluentWireFormat.findSchemaId(null)).isEmpty();
    assertThat(ConfluentWireFormat.findSchemaId(new byte[] {0, 0, 0, 1})).isEmpty();
  }

  @Test
  void shouldReportSerdeErrorsAsKafkaSerializationExceptions() {
    assertThat(new UnknownMagicByteException((byte) 7))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
  }
}
