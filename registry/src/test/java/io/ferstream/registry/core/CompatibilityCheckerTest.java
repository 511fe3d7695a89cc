package io.ferstream.registry.core;

import io.ferstream.registry.Schemas;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityCheckerTest {
    private static final Schema V1 = new Schema.Parser().parse(Schemas.V1);
    private static final Schema V2 = new Schema.Parser().parse(Schemas.V2);
    private static final Schema V1_INT_ID = new Schema.Parser().parse(Schemas.V1_INT_ID);

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldAcceptAnythingWithoutPreviousVersions(CompatibilityLevel level) {
        assertThat(CompatibilityChecker.check(level, V1_INT_ID, List.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldAcceptAddingFieldWithDefaultAtEveryLevel(CompatibilityLevel level) {
        assertThat(CompatibilityChecker.check(level, V2, List.of(previous(1, V1)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CompatibilityLevel.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRejectTypeChangeAtEveryLevelButNone(CompatibilityLevel level) {
        List<String> messages = CompatibilityChecker.check(level, V1_INT_ID, List.of(previous(1, V1)));

        assertThat(messages).isNotEmpty();
        assertThat(messages).contains("{oldSchemaVersion: 1}", "{compatibility: '" + level + "'}");
        assertThat(messages.get(0)).startsWith("{errorType:'TYPE_MISMATCH'");
    }

    @Test
    void shouldCheckOnlyLatestUnlessTransitive() {
        List<CompatibilityChecker.Previous> history = List.of(previous(1, V1_INT_ID), previous(2, V1));

        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, V2, history)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, V2, history))
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void shouldParseLevelNamesCaseInsensitively() {
        assertThat(CompatibilityLevel.forName(" full_transitive ")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.forName("bogus")).isEmpty();
        assertThat(CompatibilityLevel.forName(null)).isEmpty();
    }

    private static CompatibilityChecker.Previous previous(int version, Schema schema) {
        return new CompatibilityChecker.Previous(version, schema.toString(), schema);
    }
}
