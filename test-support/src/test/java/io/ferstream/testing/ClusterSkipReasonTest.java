package io.ferstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Without Docker, the {@code [testcontainers]} invocations are reported as skipped with the reason, not passed. */
class ClusterSkipReasonTest {

    @Test
    void shouldReportTheTestcontainersInvocationAsSkippedWithTheReasonWhenDockerIsMissing() {
        Assumptions.assumeFalse(DockerAvailability.check().available(),
                "Docker is available here: the testcontainers invocation runs instead of being skipped");
        List<String> skipped = new ArrayList<>();
        List<String> executed = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ClusterSelfTest.class))
                // only the testcontainers invocations: nothing gets started
                .configurationParameter(ClusterKind.SELECTION_PROPERTY, "testcontainers")
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                skipped.add(id.getDisplayName() + " -> " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    executed.add(id.getDisplayName() + " -> " + result.getStatus());
                }
            }
        });

        assertThat(executed).isEmpty();
        assertThat(skipped).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("[testcontainers] -> Docker engine not available: "));
    }
}
