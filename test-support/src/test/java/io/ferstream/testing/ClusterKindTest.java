package io.ferstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterKindTest {

    @Test
    void shouldSelectBothKindsByDefault() {
        assertThat(ClusterKind.parseSelection(null)).containsExactlyInAnyOrder(ClusterKind.values());
        assertThat(ClusterKind.parseSelection(" ")).containsExactlyInAnyOrder(ClusterKind.values());
        assertThat(ClusterKind.parseSelection("both")).containsExactlyInAnyOrder(ClusterKind.values());
    }

    @Test
    void shouldSelectOneKind() {
        assertThat(ClusterKind.parseSelection("embedded")).containsExactly(ClusterKind.EMBEDDED);
        assertThat(ClusterKind.parseSelection("Testcontainers")).containsExactly(ClusterKind.TESTCONTAINERS);
        assertThat(ClusterKind.parseSelection("embedded,docker")).containsExactlyInAnyOrder(ClusterKind.values());
    }

    @Test
    void shouldRejectAnUnknownKind() {
        assertThatThrownBy(() -> ClusterKind.parseSelection("zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zookeeper");
    }

    @Test
    void shouldNeverThrowWhenProbingDocker() {
        DockerAvailability docker = DockerAvailability.check();
        assertThat(docker.available() || !docker.reason().isBlank()).isTrue();
    }
}
