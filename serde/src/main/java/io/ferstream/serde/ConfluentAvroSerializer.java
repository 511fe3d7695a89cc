package io.ferstream.serde;

import io.ferstream.serde.client.AvroCompatibility;
import io.ferstream.serde.client.RegistryUnreachableException;
import io.ferstream.serde.client.SchemaNotFoundException;
import io.ferstream.serde.client.SchemaRegistryClient;
import io.ferstream.serde.client.SchemaRegistryException;
import io.ferstream.serde.client.SubjectNotFoundException;
import io.ferstream.serde.subject.SubjectNameStrategy;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records (generated {@link SpecificRecord} classes, {@code GenericRecord}s, and Avro
 * primitives) into Confluent's wire format, registering or looking up the schema in a Schema Registry.
 * Byte-for-byte what Confluent's {@code KafkaAvroSerializer} writes for the same schema id.
 *
 * <p>{@code null} serializes to {@code null} (a tombstone), never to an Avro null.
 *
 * @param <T> the record type
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

  private record WriterKey(Schema schema, boolean specific) {
  }

  /** The schema id to frame the record with and the schema to encode it with. */
  private record Target(int id, Schema schema) {
  }

  private SchemaRegistryClient client;
  private ConfluentSerdeConfig config;
  private boolean isKey;
  private SubjectNameStrategy subjectNameStrategy;
  private LatestVersionCache latestVersions;
  private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<List<Schema>, DatumReader<Object>> converters = new ConcurrentHashMap<>();
  private final Map<List<Schema>, Boolean> sameEncoding = new ConcurrentHashMap<>();

  /** For Kafka to instantiate by class name; {@link #configure} then builds the client from the configuration. */
  public ConfluentAvroSerializer() {
  }

  /** Shares an existing client; usable at once with default settings for a value serializer. */
  public ConfluentAvroSerializer(SchemaRegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
    configure(Map.of(), false);
  }

  public ConfluentAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
    this.client = Objects.requireNonNull(client, "client");
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ConfluentSerdeConfig parsed = new ConfluentSerdeConfig(configs);
    if (client == null) {
      client = SchemaRegistryClients.create(parsed);
    }
    this.isKey = isKey;
    this.subjectNameStrategy = parsed.subjectNameStrategy(isKey);
    this.latestVersions = new LatestVersionCache(client, parsed.latestCacheTtl(), Clock.systemUTC());
    this.config = parsed;
  }

  /** Lets {@link ConfluentAvroSerde} hand its serializer and deserializer one shared client. */
  void useClient(SchemaRegistryClient shared) {
    this.client = shared;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new SerdeException("ConfluentAvroSerializer is not configured: call configure(...) or construct it "
          + "with a SchemaRegistryClient");
    }
    Schema schema = AvroDatums.schemaOf(data);
    String subject = subjectNameStrategy.subjectName(topic, isKey, schema);
    Target target = target(subject, schema);
    try {
      if (sameEncoding(schema, target.schema())) {
        return AvroDatums.encode(data, schema, writer(schema, data), ConfluentWireFormat.header(target.id()));
      }
      Object converted = convert(data, schema, target.schema());
      return AvroDatums.encode(converted, target.schema(), writer(target.schema(), converted),
          ConfluentWireFormat.header(target.id()));
    } catch (IOException | RuntimeException e) {
      // Avro signals a bad datum (a null in a non-null field, a wrong type) with NPEs and ClassCastExceptions.
      throw new SerdeException("Error serializing Avro " + schema.getFullName() + " for topic '" + topic
          + "' with schema id " + target.id() + ": " + e, e);
    }
  }

  private Target target(String subject, Schema schema) {
    try {
      if (config.autoRegisterSchemas()) {
        return new Target(client.register(subject, schema), schema);
      }
      if (config.useLatestVersion()) {
        return latest(subject, schema);
      }
      return new Target(client.getId(subject, schema), schema);
    } catch (SubjectNotFoundException | SchemaNotFoundException e) {
      throw new SchemaNotRegisteredException(subject, e);
    } catch (RegistryUnreachableException e) {
      throw new RegistryUnavailableException("Schema Registry unreachable while resolving subject '" + subject + "'", e);
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw new RegistryUnavailableException("Schema Registry failing while resolving subject '" + subject + "'", e);
      }
      throw new SerdeException((config.autoRegisterSchemas() ? "Error registering" : "Error looking up")
          + " Avro schema " + schema.getFullName() + " under subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  private Target latest(String subject, Schema schema) {
    LatestVersionCache.Latest latest = latestVersions.get(subject);
    if (config.latestCompatibilityStrict() && !sameEncoding(schema, latest.schema())
        && !AvroCompatibility.canRead(latest.schema(), schema)) {
      throw new SerdeException("Record schema " + schema.getFullName() + " cannot be written as the latest schema of "
          + "subject '" + subject + "' (version " + latest.metadata().version() + ", id " + latest.metadata().id()
          + "): the latest schema cannot read it (latest.compatibility.strict=true)");
    }
    return new Target(latest.metadata().id(), latest.schema());
  }

  /**
   * Whether two schemas encode data identically (equal Parsing Canonical Form: docs, defaults and Java-only
   * properties such as {@code avro.java.string} do not change the bytes).
   */
  private boolean sameEncoding(Schema a, Schema b) {
    if (a == b || a.equals(b)) {
      return true;
    }
    return sameEncoding.computeIfAbsent(List.of(a, b),
        k -> SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b)));
  }

  /**
   * Re-expresses a record in the target schema by Avro schema resolution (write with its own schema, read
   * with the target one): fields are matched by name, added ones get their defaults. Writing the record
   * directly with the target schema, as Confluent does, would match fields by position.
   */
  private Object convert(Object data, Schema own, Schema target) throws IOException {
    byte[] body = AvroDatums.encode(data, own, writer(own, data), new byte[0]);
    DatumReader<Object> reader = converters.computeIfAbsent(List.of(own, target),
        k -> new GenericDatumReader<>(own, target, GenericData.get()));
    return reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
  }

  private DatumWriter<Object> writer(Schema schema, Object datum) {
    // A generated class carries its logical-type conversions (Instant for timestamp-millis) in its own
    // SpecificData, taken from the instance rather than looked up by name (which Avro 1.12 restricts to
    // trusted classes); generic records hold the raw long, so they must not get those conversions.
    boolean specific = datum instanceof SpecificRecordBase;
    return writers.computeIfAbsent(new WriterKey(schema, specific), k -> specific
        ? new SpecificDatumWriter<>(schema, ((SpecificRecordBase) datum).getSpecificData())
        : new GenericDatumWriter<>(schema, GenericData.get()));
  }

  @Override
  public void close() {
    // The client may be shared (or a mock:// scope); nothing here owns a resource.
  }
}
