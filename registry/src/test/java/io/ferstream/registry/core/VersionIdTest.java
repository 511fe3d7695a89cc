package io.ferstream.registry.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionIdTest {

    @Test
    void shouldParseNumbersAndLatest() {
        assertThat(VersionId.parse("3").version()).isEqualTo(3);
        assertThat(VersionId.parse("latest").isLatest()).isTrue();
        assertThat(VersionId.parse("-1").isLatest()).isTrue();
        assertThat(VersionId.parse("2147483647").version()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "x", "", "2147483648"})
    void shouldRejectEverythingElseWith42202(String text) {
        assertThatThrownBy(() -> VersionId.parse(text))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VERSION));
    }
}
