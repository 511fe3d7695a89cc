package io.ferstream.serde;

import io.ferstream.serde.client.RegistryUnreachableException;
import io.ferstream.serde.client.SchemaNotFoundException;
import io.ferstream.serde.client.SchemaRegistryClient;
import io.ferstream.serde.client.SchemaRegistryException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent's wire format: reads the schema id, fetches the writer schema from the registry
 * (once per id), and decodes the Avro body. Returns {@code GenericRecord}s, or with
 * {@code specific.avro.reader=true} instances of the generated class, resolved from the writer schema to
 * the class's schema; that resolution is what lets old records be read by new code.
 *
 * <p>{@code null} deserializes to {@code null}. A payload that is not Confluent-framed fails with
 * {@link UnknownMagicByteException} or {@link PayloadTooShortException}, an id the registry does not know
 * with {@link UnknownSchemaIdException}: the kinds a dead-letter handler tells apart.
 *
 * @param <T> the type returned
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

  private record ReaderKey(int writerId, Schema readerSchema) {
  }

  private SchemaRegistryClient client;
  /** A reader class given in code; it implies specific reading. */
  private final Class<?> givenReaderClass;
  private volatile boolean configured;
  private boolean specific;
  private Class<?> readerClass;
  private final Map<Integer, Schema> readerSchemasByWriterId = new ConcurrentHashMap<>();
  private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** For Kafka to instantiate by class name; {@link #configure} then builds the client from the configuration. */
  public ConfluentAvroDeserializer() {
    this.givenReaderClass = null;
  }

  /** Shares an existing client; usable at once, returning generic records. */
  public ConfluentAvroDeserializer(SchemaRegistryClient client) {
    this(Objects.requireNonNull(client, "client"), null);
  }

  /**
   * Shares an existing client and reads every record into {@code readerClass} (a generated
   * {@link SpecificRecord} class), whatever the writer schema's name. A null client defers building one to
   * {@link #configure}; a null class reads generic records (or by writer name with specific.avro.reader).
   */
  public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<? extends T> readerClass) {
    this.client = client;
    this.givenReaderClass = readerClass;
    if (client != null) {
      configure(Map.of(), false);
    }
  }

  public ConfluentAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
    this.client = Objects.requireNonNull(client, "client");
    this.givenReaderClass = null;
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    ConfluentSerdeConfig parsed = new ConfluentSerdeConfig(configs);
    if (client == null) {
      client = SchemaRegistryClients.create(parsed);
    }
    Class<?> type = givenReaderClass != null ? givenReaderClass : parsed.specificAvroType(isKey).orElse(null);
    if (type != null && !isGenerated(type)) {
      throw new ConfigException((isKey ? ConfluentSerdeConfig.SPECIFIC_AVRO_KEY_TYPE_CONFIG
          : ConfluentSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG), type.getName(),
          "is not a generated Avro class (SpecificRecord)");
    }
    this.readerClass = type;
    AvroClassTrust.trustPackages(parsed.trustedPackages());
    if (type != null) {
      AvroClassTrust.trustPackages(List.of(type.getPackageName()));
    }
    this.specific = givenReaderClass != null || parsed.specificAvroReader();
    readerSchemasByWriterId.clear();
    readers.clear();
    this.configured = true;
  }

  /** Lets {@link ConfluentAvroSerde} hand its serializer and deserializer one shared client. */
  void useClient(SchemaRegistryClient shared) {
    this.client = shared;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return deserialize(data);
  }

  /** Deserializes a payload; the topic plays no part in reading. */
  @SuppressWarnings("unchecked")
  public T deserialize(byte[] data) {
    if (data == null) {
      return null;
    }
    if (!configured) {
      throw new SerdeException("ConfluentAvroDeserializer is not configured: call configure(...) or construct it "
          + "with a SchemaRegistryClient");
    }
    int id = ConfluentWireFormat.schemaId(data);
    Schema writer = writerSchema(id);
    Schema reader = readerSchemasByWriterId.computeIfAbsent(id, k -> readerSchema(writer));
    DatumReader<Object> datumReader = readers.computeIfAbsent(new ReaderKey(id, reader), k -> datumReader(writer, reader));
    try {
      return (T) AvroDatums.decode(data, ConfluentWireFormat.HEADER_SIZE, writer, datumReader);
    } catch (IOException | RuntimeException e) {
      // Truncated bodies surface as EOFException/ArrayIndexOutOfBounds, incompatible reader schemas as AvroTypeException.
      throw new SerdeException("Error deserializing Avro message with schema id " + id + " ("
          + writer.getFullName() + (reader == writer ? "" : " read as " + reader.getFullName()) + "): " + e, e);
    }
  }

  private Schema writerSchema(int id) {
    try {
      return client.getSchemaById(id);
    } catch (SchemaNotFoundException e) {
      throw new UnknownSchemaIdException(id, e);
    } catch (RegistryUnreachableException e) {
      throw new RegistryUnavailableException("Schema Registry unreachable while fetching schema id " + id, e);
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw new RegistryUnavailableException("Schema Registry failing while fetching schema id " + id, e);
      }
      throw new SerdeException("Error fetching schema id " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * The schema to read into: the writer's own for generic reading and for primitives; for specific reading
   * the generated class's schema, of the configured class or of the class named like the writer schema.
   */
  private Schema readerSchema(Schema writer) {
    if (!specific || !isNamed(writer)) {
      return writer;
    }
    Class<?> type = readerClass;
    if (type == null) {
      try {
        type = SpecificData.get().getClass(writer);
      } catch (SecurityException e) {
        throw new SerdeException("Class " + writer.getFullName() + " named by the writer schema is not trusted by Avro; "
            + "add its package to " + ConfluentSerdeConfig.TRUSTED_PACKAGES_CONFIG, e);
      }
      if (type == null || !isGenerated(type)) {
        throw new SerdeException("Could not find class " + writer.getFullName() + " specified in writer's schema "
            + "whilst finding reader's schema for a SpecificRecord (set specific.avro.value.type, or read generic)");
      }
    }
    return SpecificData.get().getSchema(type);
  }

  private DatumReader<Object> datumReader(Schema writer, Schema reader) {
    if (specific && isNamed(writer)) {
      // The class's own SpecificData carries its logical-type conversions (timestamp-millis -> Instant).
      Class<?> type = readerClass != null ? readerClass : SpecificData.get().getClass(reader);
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(type));
    }
    return new GenericDatumReader<>(writer, reader, GenericData.get());
  }

  /** Whether avro-maven-plugin could have generated the class: a record, an enum or a fixed. */
  private static boolean isGenerated(Class<?> type) {
    return SpecificRecord.class.isAssignableFrom(type) || GenericFixed.class.isAssignableFrom(type) || type.isEnum();
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }

  @Override
  public void close() {
    // The client may be shared (or a mock:// scope); nothing here owns a resource.
  }
}
