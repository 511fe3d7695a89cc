package io.ferstream.serde;

import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/** Serde of {@link GenericRecord}s: always reads with the writer's schema ({@code specific.avro.reader=false}). */
public class GenericAvroSerde extends ConfluentAvroSerde<GenericRecord> {

  public GenericAvroSerde() {
    super(null, null);
  }

  public GenericAvroSerde(SchemaRegistryClient client) {
    super(Objects.requireNonNull(client, "client"), null);
  }

  @Override
  protected Map<String, ?> overrides() {
    return Map.of(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, false);
  }
}
