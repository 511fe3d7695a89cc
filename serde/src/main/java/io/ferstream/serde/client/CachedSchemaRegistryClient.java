package io.ferstream.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Schema Registry REST client with Confluent's caches: schema to id per subject (so a producer calls the
 * registry once per schema, not once per record) and id to schema (ids are immutable, so this cache never
 * goes stale). Versions by number are cached too; "latest" never is, since it moves.
 *
 * <p>Caches are unbounded: a process sees a handful of schemas, and an LRU would only add eviction bugs.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

  private final RegistryRestService rest;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, SchemaMetadata>> versionsBySubject = new ConcurrentHashMap<>();

  public CachedSchemaRegistryClient(RegistryRestService rest) {
    this.rest = Objects.requireNonNull(rest, "rest");
  }

  /** A client for one registry URL, default retries and no authentication. */
  public static CachedSchemaRegistryClient forUrl(String url) {
    return new CachedSchemaRegistryClient(RegistryRestService.builder().url(url).build());
  }

  public RegistryRestService restService() {
    return rest;
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = rest.post("/subjects/" + RegistryRestService.encode(subject) + "/versions",
        Map.of("schema", schema.toString()));
    int id = requiredInt(answer, "id", "register");
    remember(subject, schema, id);
    return id;
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema schema) {
    JsonNode answer = rest.post("/subjects/" + RegistryRestService.encode(subject), Map.of("schema", schema.toString()));
    SchemaMetadata metadata = metadata(answer, subject);
    remember(subject, schema, metadata.id());
    return metadata;
  }

  @Override
  public int getId(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    return cached != null ? cached : lookup(subject, schema).id();
  }

  @Override
  public Schema getSchemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = rest.get("/schemas/ids/" + id);
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new SchemaRegistryException("Schema id " + id + " is a " + type + " schema; this client reads Avro only",
          200, SchemaRegistryException.INVALID_SCHEMA);
    }
    Schema schema = AvroSchemas.parse(requiredText(answer, "schema", "schema by id"));
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    return metadata(rest.get("/subjects/" + RegistryRestService.encode(subject) + "/versions/latest"), subject);
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    Map<Integer, SchemaMetadata> versions = versionsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    SchemaMetadata cached = versions.get(version);
    if (cached != null) {
      return cached;
    }
    SchemaMetadata metadata =
        metadata(rest.get("/subjects/" + RegistryRestService.encode(subject) + "/versions/" + version), subject);
    versions.put(version, metadata);
    return metadata;
  }

  @Override
  public List<String> getAllSubjects() {
    List<String> subjects = new ArrayList<>();
    rest.get("/subjects").forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    JsonNode answer = rest.post("/compatibility/subjects/" + RegistryRestService.encode(subject) + "/versions/latest",
        Map.of("schema", schema.toString()));
    return answer.path("is_compatible").asBoolean(false);
  }

  @Override
  public CompatibilityLevel getGlobalCompatibility() {
    return level(rest.get("/config"));
  }

  @Override
  public CompatibilityLevel updateGlobalCompatibility(CompatibilityLevel level) {
    return level(rest.put("/config", Map.of("compatibility", level.name())));
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    return level(rest.get("/config/" + RegistryRestService.encode(subject) + "?defaultToGlobal=true"));
  }

  @Override
  public CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
    return level(rest.put("/config/" + RegistryRestService.encode(subject), Map.of("compatibility", level.name())));
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    JsonNode answer = rest.delete("/subjects/" + RegistryRestService.encode(subject) + (permanent ? "?permanent=true" : ""));
    // Ids stay valid after a soft delete (old messages must stay readable), so only per-subject caches go.
    idsBySubject.remove(subject);
    versionsBySubject.remove(subject);
    List<Integer> versions = new ArrayList<>();
    answer.forEach(node -> versions.add(node.asInt()));
    return versions;
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static SchemaMetadata metadata(JsonNode answer, String subject) {
    return new SchemaMetadata(answer.path("subject").asText(subject), requiredInt(answer, "id", "schema metadata"),
        requiredInt(answer, "version", "schema metadata"), requiredText(answer, "schema", "schema metadata"));
  }

  private static CompatibilityLevel level(JsonNode answer) {
    // GET answers {"compatibilityLevel": ...}, PUT answers {"compatibility": ...}.
    String value = answer.hasNonNull("compatibilityLevel")
        ? answer.get("compatibilityLevel").asText()
        : requiredText(answer, "compatibility", "config");
    return CompatibilityLevel.parse(value);
  }

  private static int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(answer, field, what);
    }
    return value.asInt();
  }

  private static String requiredText(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(answer, field, what);
    }
    return value.asText();
  }

  private static SchemaRegistryException malformed(JsonNode answer, String field, String what) {
    return new SchemaRegistryException("Schema Registry " + what + " answer has no '" + field + "': " + answer,
        200, 50005);
  }
}
