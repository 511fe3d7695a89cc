package io.ferstream.serde;

import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde of generated Avro classes: always reads with {@code specific.avro.reader=true}, into {@code type}
 * when given (else into the class named by the writer schema).
 *
 * <pre>{@code
 * KStream<String, FaceCrop> crops = builder.stream("face-crops",
 *     Consumed.with(Serdes.String(), new SpecificAvroSerde<>(FaceCrop.class)));
 * }</pre>
 * (with {@code schema.registry.url} in the Streams configuration, which Streams passes to {@link #configure}).
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerde<T extends SpecificRecord> extends ConfluentAvroSerde<T> {

  public SpecificAvroSerde() {
    super(null, null);
  }

  public SpecificAvroSerde(Class<T> type) {
    super(null, Objects.requireNonNull(type, "type"));
  }

  public SpecificAvroSerde(SchemaRegistryClient client) {
    super(Objects.requireNonNull(client, "client"), null);
  }

  public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
    super(Objects.requireNonNull(client, "client"), Objects.requireNonNull(type, "type"));
  }

  @Override
  protected Map<String, ?> overrides() {
    return Map.of(ConfluentSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
  }
}
