package io.ferstream.serde.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A registry held in memory, with the real one's semantics (ids shared across subjects, versions from 1,
 * compatibility checks, soft and hard deletes, the same typed errors). For unit tests that need no HTTP,
 * such as Kafka Streams' {@code TopologyTestDriver}; also reachable by configuration as
 * {@code schema.registry.url=mock://<scope>} (see {@link MockSchemaRegistry}).
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private record Version(int version, int id, Schema schema, boolean deleted) {
    Version delete() {
      return new Version(version, id, schema, true);
    }
  }

  private final Map<String, List<Version>> subjects = new TreeMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;
  /** Registry round trips served, for tests asserting that a caller's cache spared the registry. */
  private final AtomicInteger requests = new AtomicInteger();

  @Override
  public synchronized int register(String subject, Schema schema) {
    requests.incrementAndGet();
    Version existing = liveVersion(subject, schema);
    if (existing != null) {
      return existing.id();
    }
    checkCompatible(subject, schema);
    Integer id = idsBySchemaText.get(schema.toString());
    return addVersion(subject, schema, id != null ? id : nextId++);
  }

  /**
   * Registers the schema under the subject with a given id, as if another registry had assigned it (test
   * vectors carry the ids their writer saw). Skips compatibility checks.
   */
  public synchronized int register(String subject, Schema schema, int id) {
    Schema holder = schemasById.get(id);
    if (holder != null && !holder.equals(schema)) {
      throw new SchemaRegistryException("Id " + id + " already holds another schema", 409, 409);
    }
    Version existing = liveVersion(subject, schema);
    if (existing != null) {
      return existing.id();
    }
    nextId = Math.max(nextId, id + 1);
    return addVersion(subject, schema, id);
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    requests.incrementAndGet();
    liveVersions(subject);
    Version version = liveVersion(subject, schema);
    if (version == null) {
      throw error(SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema not found under subject '" + subject + "'");
    }
    return metadata(subject, version);
  }

  @Override
  public synchronized Schema getSchemaById(int id) {
    requests.incrementAndGet();
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw error(SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized SchemaMetadata getLatestSchemaMetadata(String subject) {
    requests.incrementAndGet();
    List<Version> live = liveVersions(subject);
    return metadata(subject, live.get(live.size() - 1));
  }

  @Override
  public synchronized SchemaMetadata getSchemaMetadata(String subject, int version) {
    requests.incrementAndGet();
    return liveVersions(subject).stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .map(v -> metadata(subject, v))
        .orElseThrow(() -> error(SchemaRegistryException.VERSION_NOT_FOUND, 404,
            "Version " + version + " not found under subject '" + subject + "'"));
  }

  @Override
  public synchronized List<String> getAllSubjects() {
    requests.incrementAndGet();
    return subjects.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(v -> !v.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public synchronized boolean testCompatibility(String subject, Schema schema) {
    requests.incrementAndGet();
    return AvroCompatibility.problems(getCompatibility(subject), schema, previousNewestFirst(subject)).isEmpty();
  }

  @Override
  public synchronized CompatibilityLevel getGlobalCompatibility() {
    return globalLevel;
  }

  @Override
  public synchronized CompatibilityLevel updateGlobalCompatibility(CompatibilityLevel level) {
    globalLevel = level;
    return level;
  }

  @Override
  public synchronized CompatibilityLevel getCompatibility(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  @Override
  public synchronized CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
    subjectLevels.put(subject, level);
    return level;
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    requests.incrementAndGet();
    List<Version> versions = subjects.get(subject);
    if (versions == null) {
      throw error(SchemaRegistryException.SUBJECT_NOT_FOUND, 404, "Subject '" + subject + "' not found");
    }
    boolean anyLive = versions.stream().anyMatch(v -> !v.deleted());
    if (permanent) {
      if (anyLive) {
        throw error(40405, 404, "Subject '" + subject + "' must be soft deleted before a permanent delete");
      }
      subjects.remove(subject);
      return versions.stream().map(Version::version).toList();
    }
    if (!anyLive) {
      throw error(SchemaRegistryException.SUBJECT_NOT_FOUND, 404, "Subject '" + subject + "' was soft deleted");
    }
    List<Integer> deleted = versions.stream().filter(v -> !v.deleted()).map(Version::version).toList();
    versions.replaceAll(Version::delete);
    return deleted;
  }

  /** How many registry operations this client has served (reads of the compatibility config excepted). */
  public int requestCount() {
    return requests.get();
  }

  private int addVersion(String subject, Schema schema, int id) {
    List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    versions.add(new Version(version, id, schema, false));
    schemasById.putIfAbsent(id, schema);
    idsBySchemaText.putIfAbsent(schema.toString(), id);
    return id;
  }

  private void checkCompatible(String subject, Schema schema) {
    List<String> problems = AvroCompatibility.problems(getCompatibility(subject), schema, previousNewestFirst(subject));
    if (!problems.isEmpty()) {
      throw error(SchemaRegistryException.INCOMPATIBLE_SCHEMA, 409,
          "Schema being registered is incompatible with an earlier schema for subject '" + subject + "': " + problems);
    }
  }

  private List<Schema> previousNewestFirst(String subject) {
    List<Schema> previous = new ArrayList<>();
    subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).forEach(v -> previous.add(0, v.schema()));
    return previous;
  }

  private Version liveVersion(String subject, Schema schema) {
    return subjects.getOrDefault(subject, List.of()).stream()
        .filter(v -> !v.deleted() && v.schema().equals(schema))
        .findFirst()
        .orElse(null);
  }

  private List<Version> liveVersions(String subject) {
    List<Version> live = subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).toList();
    if (live.isEmpty()) {
      throw error(SchemaRegistryException.SUBJECT_NOT_FOUND, 404, "Subject '" + subject + "' not found");
    }
    return live;
  }

  private static SchemaMetadata metadata(String subject, Version version) {
    return new SchemaMetadata(subject, version.id(), version.version(), version.schema().toString());
  }

  private static SchemaRegistryException error(int code, int status, String message) {
    return RegistryErrors.typed(message + " (error code " + code + ")", status, code);
  }
}
