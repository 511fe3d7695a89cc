package io.ferstream.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test method once per cluster kind, {@code [testcontainers]} then {@code [embedded]}, with a
 * {@link KafkaCluster} parameter (also injectable into {@code @BeforeEach}/{@code @AfterEach} methods).
 *
 * <p>The {@code [testcontainers]} invocation is reported as skipped, with the reason, when no Docker engine is
 * available. {@code -Dferstream.test.cluster=embedded|testcontainers|both} (or {@code FERSTREAM_TEST_CLUSTER})
 * chooses the kinds; default both. Each kind of cluster is started lazily, once per test JVM, shared by every test
 * class, and closed at the end of the run. Use {@link KafkaCluster#uniqueTopic(String)} for topic names.
 *
 * <pre>{@code
 * @ClusterTest
 * void shouldDoX(KafkaCluster cluster) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(ClusterInvocationProvider.class)
@Tag("integration")
public @interface ClusterTest {
}
