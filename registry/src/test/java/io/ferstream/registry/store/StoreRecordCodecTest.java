package io.ferstream.registry.store;

import io.ferstream.registry.core.CompatibilityLevel;
import io.ferstream.registry.core.Mode;
import io.ferstream.registry.core.SchemaReference;
import io.ferstream.registry.store.StoreKey.ConfigKey;
import io.ferstream.registry.store.StoreKey.DeleteSubjectKey;
import io.ferstream.registry.store.StoreKey.ModeKey;
import io.ferstream.registry.store.StoreKey.SchemaKey;
import io.ferstream.registry.store.StoreValue.ConfigValue;
import io.ferstream.registry.store.StoreValue.ModeValue;
import io.ferstream.registry.store.StoreValue.SchemaValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreRecordCodecTest {

    @Test
    void shouldWriteKeysInConfluentLayout() {
        assertThat(text(StoreRecordCodec.encodeKey(new SchemaKey("faces-value", 3))))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"faces-value\",\"version\":3,\"magic\":1}");
        assertThat(text(StoreRecordCodec.encodeKey(new ConfigKey(null))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(StoreRecordCodec.encodeKey(new ConfigKey("faces-value"))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"faces-value\",\"magic\":0}");
        assertThat(text(StoreRecordCodec.encodeKey(new ModeKey(null))))
                .isEqualTo("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}");
    }

    @Test
    void shouldEncodeTheSameKeyToTheSameBytesForCompaction() {
        assertThat(StoreRecordCodec.encodeKey(new SchemaKey("s", 1)))
                .isEqualTo(StoreRecordCodec.encodeKey(new SchemaKey("s", 1)));
    }

    @Test
    void shouldWriteSchemaValueInConfluentLayoutWithoutAvroType() {
        SchemaValue value = new SchemaValue("s", 2, 7, null, "\"string\"", List.of(), true);

        assertThat(text(StoreRecordCodec.encodeValue(value)))
                .isEqualTo("{\"subject\":\"s\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":true}");
    }

    @Test
    void shouldRoundTripEveryKeyAndValue() {
        SchemaValue schema = new SchemaValue("s", 2, 7, "AVRO", "\"string\"",
                List.of(new SchemaReference("Emotion", "emotion", 1)), false);

        assertThat(roundTrip(new SchemaKey("s", 2), schema)).isEqualTo(schema);
        assertThat(roundTrip(new ConfigKey(null), new ConfigValue(CompatibilityLevel.FULL)))
                .isEqualTo(new ConfigValue(CompatibilityLevel.FULL));
        assertThat(roundTrip(new ModeKey("s"), new ModeValue(Mode.READONLY))).isEqualTo(new ModeValue(Mode.READONLY));
    }

    @Test
    void shouldEncodeRemovalAsTombstone() {
        assertThat(StoreRecordCodec.encodeValue(null)).isNull();
        assertThat(StoreRecordCodec.decodeValue(new SchemaKey("s", 1), null)).isNull();
    }

    @Test
    void shouldReadConfluentRecordsItDoesNotWrite() {
        byte[] noop = "{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8);
        byte[] deleteSubject = "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}".getBytes(StandardCharsets.UTF_8);
        byte[] importMode = "{\"mode\":\"IMPORT\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(StoreRecordCodec.decodeKey(noop)).isEmpty();
        assertThat(StoreRecordCodec.decodeKey(deleteSubject)).contains(new DeleteSubjectKey("s"));
        assertThat(StoreRecordCodec.decodeValue(new ModeKey(null), importMode)).isNull();
    }

    private static StoreValue roundTrip(StoreKey key, StoreValue value) {
        StoreKey decodedKey = StoreRecordCodec.decodeKey(StoreRecordCodec.encodeKey(key)).orElseThrow();
        assertThat(decodedKey).isEqualTo(key);
        return StoreRecordCodec.decodeValue(decodedKey, StoreRecordCodec.encodeValue(value));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
