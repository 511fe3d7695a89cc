package io.ferstream.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behind {@link ClusterTest}: one invocation per selected {@link ClusterKind} ({@code [testcontainers]},
 * {@code [embedded]}), each resolving {@link KafkaCluster} parameters and deciding whether it can run.
 * The clusters live in the root {@link ExtensionContext.Store}: started on first use, shared by all test classes of
 * the run, closed when the run ends.
 */
public final class ClusterInvocationProvider implements TestTemplateInvocationContextProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterInvocationProvider.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterInvocationProvider.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ClusterTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Set<ClusterKind> selected = selection(context);
        return Stream.of(ClusterKind.TESTCONTAINERS, ClusterKind.EMBEDDED)
                .filter(selected::contains)
                .map(ClusterInvocation::new);
    }

    /** The kinds chosen by {@code ferstream.test.cluster} (JUnit configuration parameter or system property), else {@code FERSTREAM_TEST_CLUSTER}. */
    static Set<ClusterKind> selection(ExtensionContext context) {
        String value = context.getConfigurationParameter(ClusterKind.SELECTION_PROPERTY)
                .or(() -> java.util.Optional.ofNullable(System.getProperty(ClusterKind.SELECTION_PROPERTY)))
                .or(() -> java.util.Optional.ofNullable(System.getenv(ClusterKind.SELECTION_ENV)))
                .orElse(null);
        try {
            return ClusterKind.parseSelection(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** The shared cluster of {@code kind}, started on first call (a failed start is remembered and rethrown). */
    static KafkaCluster cluster(ExtensionContext context, ClusterKind kind) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(kind, k -> new SharedCluster(kind), SharedCluster.class)
                .get();
    }

    private static final class ClusterInvocation implements TestTemplateInvocationContext {
        private final ClusterKind kind;

        ClusterInvocation(ClusterKind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.label() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Availability(kind), new Resolver(kind));
        }
    }

    /** Skips the testcontainers invocation, with the reason, when there is no Docker engine. */
    private static final class Availability implements ExecutionCondition {
        private final ClusterKind kind;

        Availability(ClusterKind kind) {
            this.kind = kind;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (kind != ClusterKind.TESTCONTAINERS) {
                return ConditionEvaluationResult.enabled("embedded cluster always available");
            }
            DockerAvailability docker = DockerAvailability.check();
            return docker.available()
                    ? ConditionEvaluationResult.enabled("Docker engine available")
                    : ConditionEvaluationResult.disabled("Docker engine not available: " + docker.reason());
        }
    }

    private static final class Resolver implements ParameterResolver {
        private final ClusterKind kind;

        Resolver(ClusterKind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            Class<?> type = parameterContext.getParameter().getType();
            return type == KafkaCluster.class || type == ClusterKind.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            if (parameterContext.getParameter().getType() == ClusterKind.class) {
                return kind;
            }
            try {
                return cluster(extensionContext, kind);
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("no " + kind.label() + " Kafka cluster: " + e.getMessage(), e);
            }
        }
    }

    /** Lazily started cluster kept in the root store; closed by JUnit at the end of the run. */
    static final class SharedCluster implements AutoCloseable {
        private final ClusterKind kind;
        private KafkaCluster cluster;
        private RuntimeException failure;
        private boolean closed;

        SharedCluster(ClusterKind kind) {
            this.kind = kind;
        }

        synchronized KafkaCluster get() {
            if (closed) {
                throw new IllegalStateException(kind.label() + " cluster already closed");
            }
            if (cluster == null && failure == null) {
                try {
                    LOG.info("Starting the shared {} Kafka cluster", kind.label());
                    cluster = kind == ClusterKind.EMBEDDED ? EmbeddedKafkaCluster.start() : ContainerKafkaCluster.start();
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failure = new IllegalStateException(e.toString(), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return cluster;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (cluster instanceof AutoCloseable c) {
                LOG.info("Stopping the shared {} Kafka cluster", kind.label());
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Error stopping the shared {} Kafka cluster", kind.label(), e);
                }
            }
        }
    }
}
