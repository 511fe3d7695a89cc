package io.ferstream.common.topics;

import java.util.Map;
import java.util.Objects;

/**
 * How one topic is created: name, partitions, replication factor and topic-level configs.
 * An immutable value built from configuration (see {@link TopicSpecs}).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be >= 1, was " + replicationFactor);
    }
    configs = Map.copyOf(configs);
  }

  @Override
  public String toString() {
    return name + "(partitions=" + partitions + ", rf=" + replicationFactor + ", " + configs + ")";
  }
}
