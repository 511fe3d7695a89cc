package io.ferstream.common.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic as programs use it: its name and the serdes of its keys and values. Immutable. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
