package io.ferstream.trainer.feedback;

import io.ferstream.serde.GenericAvroSerde;
import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The writer-schema (generic) deserializer that {@link FeedbackReader} uses to see a label as it was written, one per
 * topology and shared by its tasks: on the given registry client, or, without one, on a client built on first use
 * from the Kafka Streams configuration ({@code schema.registry.url} and the registry client settings, as Kafka
 * Streams configures serdes it instantiates itself). {@code Topics} does not expose its serdes' client, so without
 * one given this is a second client of the same registry, with its own schema cache.
 */
final class GenericReaders {

  private final SchemaRegistryClient client;
  private Deserializer<GenericRecord> reader;

  /** @param client the registry client to use, or null to build one from the Streams configuration */
  GenericReaders(SchemaRegistryClient client) {
    this.client = client;
  }

  synchronized Deserializer<GenericRecord> get(Map<String, Object> streamsConfig) {
    if (reader == null) {
      GenericAvroSerde serde;
      if (client != null) {
        serde = new GenericAvroSerde(client);
      } else {
        serde = new GenericAvroSerde();
        serde.configure(streamsConfig, false);
      }
      reader = serde.deserializer();
    }
    return reader;
  }
}
