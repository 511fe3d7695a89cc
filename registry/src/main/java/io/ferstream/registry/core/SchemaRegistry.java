package io.ferstream.registry.core;

import io.ferstream.registry.core.AvroSchemas.ParsedSchema;
import io.ferstream.registry.store.RegistryState;
import io.ferstream.registry.store.SchemaStore;
import io.ferstream.registry.store.StoreException;
import io.ferstream.registry.store.StoreKey;
import io.ferstream.registry.store.StoreKey.ConfigKey;
import io.ferstream.registry.store.StoreKey.ModeKey;
import io.ferstream.registry.store.StoreKey.SchemaKey;
import io.ferstream.registry.store.StoreTimeoutException;
import io.ferstream.registry.store.StoreValue;
import io.ferstream.registry.store.StoreValue.ConfigValue;
import io.ferstream.registry.store.StoreValue.ModeValue;
import io.ferstream.registry.store.StoreValue.SchemaValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's rules, independent of HTTP: ids, versions, soft/hard deletes, compatibility, config
 * and mode, following Confluent's {@code KafkaSchemaRegistry}.
 *
 * <p>Every write runs under one lock: id and version assignment are read-modify-write on the whole
 * state, and this is a single-node registry (no leader election), so one lock is all the
 * coordination there is.
 */
public final class SchemaRegistry {
    public static final List<String> SCHEMA_TYPES = List.of(SchemaValue.AVRO);

    private final SchemaStore store;
    private final ReentrantLock writeLock = new ReentrantLock();

    public SchemaRegistry(SchemaStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    private RegistryState state() {
        return store.state();
    }

    // ---------------------------------------------------------------- subjects and versions

    /** Subjects with a live version; {@code deleted} adds soft-deleted ones, {@code deletedOnly} keeps only those. */
    public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
        List<String> result = new ArrayList<>();
        for (String subject : state().subjectNames()) {
            if (prefix != null && !subject.startsWith(prefix)) {
                continue;
            }
            List<SchemaValue> versions = state().versions(subject);
            boolean anyLive = versions.stream().anyMatch(v -> !v.deleted());
            boolean anyDeleted = versions.stream().anyMatch(SchemaValue::deleted);
            if (deletedOnly ? anyDeleted : anyLive || deleted) {
                result.add(subject);
            }
        }
        return result;
    }

    public List<Integer> versions(String subject, boolean deleted, boolean deletedOnly) {
        if (!hasSubject(subject, deleted || deletedOnly)) {
            throw Errors.subjectNotFound(subject);
        }
        List<Integer> result = new ArrayList<>();
        for (SchemaValue value : state().versions(subject)) {
            if (deletedOnly ? value.deleted() : deleted || !value.deleted()) {
                result.add(value.version());
            }
        }
        return result;
    }

    /** GET /subjects/{s}/versions/{v}: 40401 when the subject is unknown, 40402 when the version is. */
    public SchemaValue version(String subject, String versionText, boolean deleted) {
        VersionId versionId = VersionId.parse(versionText);
        return find(subject, versionId, deleted).orElseThrow(() -> hasSubject(subject, deleted)
                ? Errors.versionNotFound(versionId.version())
                : Errors.subjectNotFound(subject));
    }

    /** Ids of live schemas that reference the given version. */
    public List<Integer> referencedBy(String subject, String versionText) {
        SchemaValue target = version(subject, versionText, true);
        return state().referencing(target.subject(), target.version()).stream().map(SchemaValue::id).toList();
    }

    /** POST /subjects/{s}/versions: the id of the schema, registering it as a new version if needed. */
    public int register(String subject, SchemaRequest request) {
        validateSubject(subject);
        if (request.id() != null && request.id() >= 0) {
            throw Errors.operationNotPermitted("Subject " + subject + " is not in import mode");
        }
        writeLock.lock();
        try {
            List<SchemaValue> all = state().versions(subject);
            List<SchemaValue> live = all.stream().filter(v -> !v.deleted()).toList();
            SchemaRequest effective = fillEmptySchema(request, live);
            String type = schemaType(effective);
            ParsedSchema parsed = parse(effective);
            String identity = SchemaValue.identity(type, parsed.canonical(), effective.references());

            for (SchemaValue existing : live) {
                if (existing.identity().equals(identity)) {
                    return existing.id();
                }
            }
            // After the lookup, as in Confluent: re-registering a known schema works in READONLY too.
            checkWritable(subject);
            CompatibilityLevel level = effectiveCompatibility(subject);
            List<String> incompatibilities = CompatibilityChecker.check(level, parsed.schema(), previous(level, live));
            if (!incompatibilities.isEmpty()) {
                throw Errors.incompatibleSchema(subject, incompatibilities);
            }
            int newVersion = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
            if (effective.version() != null && effective.version() > 0 && effective.version() != newVersion) {
                throw Errors.invalidSchema("Version is not one more than previous version");
            }
            int id = state().idFor(identity).orElse(state().maxId() + 1);
            // Like Confluent: a soft-deleted older version of the same schema is replaced by the new
            // version rather than left behind as a second version with the same id.
            for (SchemaValue deletedVersion : all) {
                if (deletedVersion.deleted() && deletedVersion.id() == id) {
                    write(new SchemaKey(subject, deletedVersion.version()), null, "registering the schema");
                }
            }
            write(new SchemaKey(subject, newVersion),
                    new SchemaValue(subject, newVersion, id, type, parsed.canonical(), effective.references(), false),
                    "registering the schema");
            return id;
        } finally {
            writeLock.unlock();
        }
    }

    /** POST /subjects/{s}: the version of this subject holding the schema. */
    public SchemaValue lookup(String subject, SchemaRequest request, boolean deleted) {
        String type = schemaType(request);
        if (request.schema() == null || request.schema().isBlank()) {
            throw Errors.invalidSchema("Empty schema");
        }
        ParsedSchema parsed = parse(request);
        String identity = SchemaValue.identity(type, parsed.canonical(), request.references());
        List<SchemaValue> versions = state().versions(subject);
        for (int i = versions.size() - 1; i >= 0; i--) {
            SchemaValue candidate = versions.get(i);
            if ((deleted || !candidate.deleted()) && candidate.identity().equals(identity)) {
                return candidate;
            }
        }
        throw hasSubject(subject, deleted) ? Errors.schemaNotFound() : Errors.subjectNotFound(subject);
    }

    /** DELETE /subjects/{s}: the versions deleted. Soft first; permanent only after soft. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        writeLock.lock();
        try {
            List<SchemaValue> all = state().versions(subject);
            if (all.isEmpty()) {
                throw Errors.subjectNotFound(subject);
            }
            boolean anyLive = all.stream().anyMatch(v -> !v.deleted());
            if (!permanent && !anyLive) {
                throw Errors.subjectSoftDeleted(subject);
            }
            checkWritable(subject);
            List<SchemaValue> targets = permanent ? all : all.stream().filter(v -> !v.deleted()).toList();
            for (SchemaValue target : targets) {
                if (!state().referencing(subject, target.version()).isEmpty()) {
                    throw Errors.referenceExists(subject, target.version());
                }
                if (permanent && !target.deleted()) {
                    throw Errors.subjectNotSoftDeleted(subject);
                }
            }
            List<Integer> deletedVersions = new ArrayList<>();
            for (SchemaValue target : targets) {
                write(new SchemaKey(subject, target.version()), permanent ? null : target.withDeleted(true),
                        "deleting the subject");
                deletedVersions.add(target.version());
            }
            if (!permanent) {
                dropSubjectSettings(subject);
            }
            return deletedVersions;
        } finally {
            writeLock.unlock();
        }
    }

    /** DELETE /subjects/{s}/versions/{v}: the version deleted. */
    public int deleteVersion(String subject, String versionText, boolean permanent) {
        VersionId versionId = VersionId.parse(versionText);
        writeLock.lock();
        try {
            // "latest" here includes soft-deleted versions, as in Confluent: deleting "latest" twice
            // without permanent=true answers 40406 instead of silently deleting an older version.
            SchemaValue target = find(subject, versionId, true).orElseThrow(() -> hasSubject(subject, true)
                    ? Errors.versionNotFound(versionId.version())
                    : Errors.subjectNotFound(subject));
            if (!permanent && target.deleted()) {
                throw Errors.schemaVersionSoftDeleted(subject, versionText);
            }
            checkWritable(subject);
            if (!state().referencing(subject, target.version()).isEmpty()) {
                throw Errors.referenceExists(subject, target.version());
            }
            if (permanent && !target.deleted()) {
                throw Errors.schemaVersionNotSoftDeleted(subject, String.valueOf(target.version()));
            }
            write(new SchemaKey(subject, target.version()), permanent ? null : target.withDeleted(true),
                    "deleting the schema version");
            if (!permanent && state().versions(subject).stream().allMatch(SchemaValue::deleted)) {
                dropSubjectSettings(subject);
            }
            return target.version();
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- schemas by id

    /** The schema with this id; soft-deleted versions keep their id readable (old data stays decodable). */
    public SchemaValue schemaById(int id) {
        return state().schemaById(id).orElseThrow(() -> Errors.schemaNotFound(id));
    }

    public List<String> subjectsForId(int id, boolean deleted) {
        List<SchemaValue> values = state().versionsWithId(id);
        if (values.isEmpty()) {
            throw Errors.schemaNotFound();
        }
        return values.stream().filter(v -> deleted || !v.deleted()).map(SchemaValue::subject).distinct().toList();
    }

    public List<SchemaValue> versionsForId(int id, boolean deleted) {
        List<SchemaValue> values = state().versionsWithId(id);
        if (values.isEmpty()) {
            throw Errors.schemaNotFound();
        }
        return values.stream().filter(v -> deleted || !v.deleted()).toList();
    }

    // ---------------------------------------------------------------- compatibility

    /**
     * POST /compatibility/subjects/{s}/versions/{v}: messages (empty = compatible). An unknown subject
     * with "latest" is compatible (nothing to be incompatible with), as in Confluent.
     */
    public List<String> testCompatibility(String subject, String versionText, SchemaRequest request, boolean verbose) {
        VersionId versionId = VersionId.parse(versionText);
        Optional<SchemaValue> against = find(subject, versionId, false);
        if (against.isEmpty() && !versionId.isLatest()) {
            throw Errors.versionNotFound(versionId.version());
        }
        return compatibilityMessages(subject, request, against.map(List::of).orElse(List.of()), verbose);
    }

    /** POST /compatibility/subjects/{s}/versions: the same check as a registration would do. */
    public List<String> testCompatibilityWithAll(String subject, SchemaRequest request, boolean verbose) {
        List<SchemaValue> live = state().versions(subject).stream().filter(v -> !v.deleted()).toList();
        return compatibilityMessages(subject, request, live, verbose);
    }

    private List<String> compatibilityMessages(String subject, SchemaRequest request, List<SchemaValue> against,
                                               boolean verbose) {
        ParsedSchema parsed;
        try {
            schemaType(request);
            if (request.schema() == null || request.schema().isBlank()) {
                throw Errors.invalidSchema("Empty schema");
            }
            parsed = parse(request);
        } catch (RegistryException e) {
            // Confluent answers an unparsable schema with is_compatible=false when verbose, 42201 otherwise.
            if (verbose && e.code() == ErrorCode.INVALID_SCHEMA) {
                return List.of(e.getMessage());
            }
            throw e;
        }
        CompatibilityLevel level = effectiveCompatibility(subject);
        return CompatibilityChecker.check(level, parsed.schema(), previous(level, against));
    }

    // ---------------------------------------------------------------- config

    public CompatibilityLevel globalCompatibility() {
        return state().compatibility(null).orElse(CompatibilityLevel.DEFAULT);
    }

    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return state().compatibility(subject);
    }

    /** Subject level, else global level, else BACKWARD. */
    public CompatibilityLevel effectiveCompatibility(String subject) {
        return state().compatibility(subject).orElseGet(this::globalCompatibility);
    }

    /** @param subject {@code null} for the global level */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        if (subject != null) {
            validateSubject(subject);
        }
        writeLock.lock();
        try {
            write(new ConfigKey(subject), new ConfigValue(level), "updating the compatibility level");
        } finally {
            writeLock.unlock();
        }
    }

    /** DELETE /config: the global level before, which reverts to BACKWARD. */
    public CompatibilityLevel deleteGlobalCompatibility() {
        writeLock.lock();
        try {
            CompatibilityLevel old = globalCompatibility();
            write(new ConfigKey(null), null, "deleting the compatibility level");
            return old;
        } finally {
            writeLock.unlock();
        }
    }

    /** DELETE /config/{s}: the level it had; 40401 when it had none (Confluent's code). */
    public CompatibilityLevel deleteSubjectCompatibility(String subject) {
        writeLock.lock();
        try {
            CompatibilityLevel old = state().compatibility(subject).orElseThrow(() -> Errors.subjectNotFound(subject));
            write(new ConfigKey(subject), null, "deleting the compatibility level");
            return old;
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- mode

    public Mode globalMode() {
        return state().mode(null).orElse(Mode.DEFAULT);
    }

    public Optional<Mode> subjectMode(String subject) {
        return state().mode(subject);
    }

    public Mode effectiveMode(String subject) {
        return state().mode(subject).orElseGet(this::globalMode);
    }

    /** @param subject {@code null} for the global mode */
    public void setMode(String subject, Mode mode) {
        if (subject != null) {
            validateSubject(subject);
        }
        writeLock.lock();
        try {
            write(new ModeKey(subject), new ModeValue(mode), "updating the mode");
        } finally {
            writeLock.unlock();
        }
    }

    public Mode deleteSubjectMode(String subject) {
        writeLock.lock();
        try {
            Mode old = state().mode(subject).orElseThrow(() -> Errors.subjectNotFound(subject));
            write(new ModeKey(subject), null, "deleting the mode");
            return old;
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Optional<SchemaValue> find(String subject, VersionId versionId, boolean includeDeleted) {
        if (!versionId.isLatest()) {
            return state().version(subject, versionId.version()).filter(v -> includeDeleted || !v.deleted());
        }
        List<SchemaValue> versions = state().versions(subject);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (includeDeleted || !versions.get(i).deleted()) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    private boolean hasSubject(String subject, boolean includeDeleted) {
        return state().versions(subject).stream().anyMatch(v -> includeDeleted || !v.deleted());
    }

    private void checkWritable(String subject) {
        if (effectiveMode(subject) == Mode.READONLY) {
            throw Errors.operationNotPermitted("Subject " + subject + " is in read-only mode");
        }
    }

    /** Confluent rejects subjects with control characters (they break the REST paths and the log). */
    private static void validateSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw Errors.invalidSubject(subject);
        }
    }

    /** A registration without schema text re-registers the latest one (Confluent's behaviour). */
    private static SchemaRequest fillEmptySchema(SchemaRequest request, List<SchemaValue> live) {
        if (request.schema() != null && !request.schema().isBlank()) {
            return request;
        }
        if (live.isEmpty()) {
            throw Errors.invalidSchema("Empty schema");
        }
        SchemaValue latest = live.get(live.size() - 1);
        return new SchemaRequest(latest.schema(), latest.schemaType(), latest.references(), request.id(),
                request.version());
    }

    /** Only AVRO is implemented; others get 42201 like a registry without that schema provider. */
    private static String schemaType(SchemaRequest request) {
        String type = request.schemaType() == null ? SchemaValue.AVRO : request.schemaType();
        if (!SCHEMA_TYPES.contains(type)) {
            throw Errors.invalidSchema("Invalid schema type " + type);
        }
        return type;
    }

    private ParsedSchema parse(SchemaRequest request) {
        return AvroSchemas.parse(request.schema(), request.references(),
                (subject, version) -> state().version(subject, version));
    }

    /** The earlier versions the level will look at, parsed; non-transitive levels only need the latest. */
    private List<CompatibilityChecker.Previous> previous(CompatibilityLevel level, List<SchemaValue> versions) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        List<SchemaValue> needed = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        List<CompatibilityChecker.Previous> result = new ArrayList<>(needed.size());
        for (SchemaValue value : needed) {
            ParsedSchema parsed = AvroSchemas.parse(value.schema(), value.references(),
                    (subject, version) -> state().version(subject, version));
            result.add(new CompatibilityChecker.Previous(value.version(), value.schema(), parsed.schema()));
        }
        return result;
    }

    /** A subject with no live version loses its own config and mode, as in Confluent. */
    private void dropSubjectSettings(String subject) {
        if (state().compatibility(subject).isPresent()) {
            write(new ConfigKey(subject), null, "deleting the subject's compatibility level");
        }
        if (state().mode(subject).isPresent()) {
            write(new ModeKey(subject), null, "deleting the subject's mode");
        }
    }

    private void write(StoreKey key, StoreValue value, String what) {
        try {
            store.put(key, value);
        } catch (StoreTimeoutException e) {
            throw Errors.operationTimeout("Write to the Kafka store timed out while " + what, e);
        } catch (StoreException e) {
            throw Errors.storeError("Error while " + what + " in the backend Kafka store", e);
        }
    }
}
