package io.ferstream.registry.store;

import io.ferstream.registry.core.CompatibilityLevel;
import io.ferstream.registry.store.StoreKey.ConfigKey;
import io.ferstream.registry.store.StoreKey.DeleteSubjectKey;
import io.ferstream.registry.store.StoreKey.SchemaKey;
import io.ferstream.registry.store.StoreValue.ConfigValue;
import io.ferstream.registry.store.StoreValue.DeleteSubjectValue;
import io.ferstream.registry.store.StoreValue.SchemaValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryStateTest {
    private final RegistryState state = new RegistryState();

    @Test
    void shouldIndexSchemasById() {
        put("a", 1, 1, "\"string\"", false);
        put("b", 1, 1, "\"string\"", false);

        assertThat(state.versionsWithId(1)).extracting(SchemaValue::subject).containsExactly("a", "b");
        assertThat(state.idFor(SchemaValue.identity("AVRO", "\"string\"", List.of()))).hasValue(1);
        assertThat(state.maxId()).isEqualTo(1);
    }

    @Test
    void shouldForgetIdOnlyWhenItsLastVersionIsRemoved() {
        put("a", 1, 1, "\"string\"", false);
        put("b", 1, 1, "\"string\"", false);

        state.apply(new SchemaKey("a", 1), null);
        assertThat(state.schemaById(1)).isPresent();
        state.apply(new SchemaKey("b", 1), null);

        assertThat(state.schemaById(1)).isEmpty();
        assertThat(state.idFor(SchemaValue.identity("AVRO", "\"string\"", List.of()))).isEmpty();
        assertThat(state.subjectNames()).isEmpty();
        assertThat(state.maxId()).as("ids are never handed out twice").isEqualTo(1);
    }

    @Test
    void shouldReplaceValueOfSameKey() {
        put("a", 1, 1, "\"string\"", false);
        put("a", 1, 1, "\"string\"", true);

        assertThat(state.versions("a")).singleElement().extracting(SchemaValue::deleted).isEqualTo(true);
    }

    @Test
    void shouldApplyConfluentDeleteSubjectRecordUpToItsVersion() {
        put("a", 1, 1, "\"string\"", false);
        put("a", 2, 2, "\"int\"", false);
        put("a", 3, 3, "\"long\"", false);

        state.apply(new DeleteSubjectKey("a"), new DeleteSubjectValue("a", 2));

        assertThat(state.versions("a")).extracting(SchemaValue::deleted).containsExactly(true, true, false);
    }

    @Test
    void shouldSetAndRemoveConfigs() {
        state.apply(new ConfigKey(null), new ConfigValue(CompatibilityLevel.FULL));
        state.apply(new ConfigKey("a"), new ConfigValue(CompatibilityLevel.NONE));
        state.apply(new ConfigKey("a"), null);

        assertThat(state.compatibility(null)).contains(CompatibilityLevel.FULL);
        assertThat(state.compatibility("a")).isEmpty();
    }

    private void put(String subject, int version, int id, String schema, boolean deleted) {
        state.apply(new SchemaKey(subject, version), new SchemaValue(subject, version, id, null, schema, List.of(), deleted));
    }
}
