package io.ferstream.testing;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The two ways a {@link KafkaCluster} is provided to tests. */
public enum ClusterKind {
    /** Kafka and Confluent Schema Registry in Docker containers (Testcontainers); needs a Docker engine. */
    TESTCONTAINERS("testcontainers"),
    /** The in-JVM KRaft broker ({@code ferstream-embedded-kafka}) and registry ({@code ferstream-registry}). */
    EMBEDDED("embedded");

    /** System property / JUnit configuration parameter choosing the kinds: {@code embedded|testcontainers|both}. */
    public static final String SELECTION_PROPERTY = "ferstream.test.cluster";
    /** Environment variable equivalent of {@link #SELECTION_PROPERTY}. */
    public static final String SELECTION_ENV = "FERSTREAM_TEST_CLUSTER";

    private final String label;

    ClusterKind(String label) {
        this.label = label;
    }

    /** {@code "testcontainers"} or {@code "embedded"}; also {@link KafkaCluster#name()}. */
    public String label() {
        return label;
    }

    /**
     * Parses a selection: {@code null}, blank, {@code both} or {@code all} select every kind; otherwise a
     * comma-separated list of labels ({@code embedded}, {@code testcontainers}; {@code docker} is an alias of the latter).
     *
     * @throws IllegalArgumentException for an unknown label
     */
    public static Set<ClusterKind> parseSelection(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(ClusterKind.class);
        }
        Set<ClusterKind> kinds = EnumSet.noneOf(ClusterKind.class);
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            switch (p) {
                case "both", "all" -> kinds.addAll(EnumSet.allOf(ClusterKind.class));
                case "embedded" -> kinds.add(EMBEDDED);
                case "testcontainers", "docker", "containers" -> kinds.add(TESTCONTAINERS);
                case "" -> { }
                default -> throw new IllegalArgumentException("Unknown " + SELECTION_PROPERTY + " value '" + part.trim()
                        + "'; expected embedded, testcontainers or both");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("Empty " + SELECTION_PROPERTY + " value '" + value + "'");
        }
        return kinds;
    }

    @Override
    public String toString() {
        return label;
    }
}
