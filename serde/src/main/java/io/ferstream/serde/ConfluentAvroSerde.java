package io.ferstream.serde;

import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} pair for Kafka Streams. When
 * configured from a map, both halves share one registry client and so one set of caches.
 *
 * @param <T> the record type
 */
public class ConfluentAvroSerde<T> implements Serde<T> {

  private final boolean clientGiven;
  private final ConfluentAvroSerializer<T> serializer;
  private final ConfluentAvroDeserializer<T> deserializer;

  /** For Kafka Streams to instantiate by class name; {@link #configure} builds the client. */
  public ConfluentAvroSerde() {
    this(null, null);
  }

  /** Shares an existing client; usable at once with default settings for values. */
  public ConfluentAvroSerde(SchemaRegistryClient client) {
    this(Objects.requireNonNull(client, "client"), null);
  }

  /**
   * @param client      a client to share, or null to build one in {@link #configure}
   * @param readerClass a generated class to read every record into (implies specific reading), or null
   */
  protected ConfluentAvroSerde(SchemaRegistryClient client, Class<? extends T> readerClass) {
    this.clientGiven = client != null;
    this.serializer = new ConfluentAvroSerializer<>();
    this.deserializer = new ConfluentAvroDeserializer<>(null, readerClass);
    if (client != null) {
      serializer.useClient(client);
      deserializer.useClient(client);
      configure(Map.of(), false);
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> effective = new HashMap<>(configs);
    effective.putAll(overrides());
    if (!clientGiven) {
      SchemaRegistryClient shared = SchemaRegistryClients.create(new ConfluentSerdeConfig(effective));
      serializer.useClient(shared);
      deserializer.useClient(shared);
    }
    serializer.configure(effective, isKey);
    deserializer.configure(effective, isKey);
  }

  /** Settings this serde forces whatever the configuration says (subclasses fix the reading style). */
  protected Map<String, ?> overrides() {
    return Map.of();
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
