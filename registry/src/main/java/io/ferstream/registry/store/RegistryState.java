package io.ferstream.registry.store;

import io.ferstream.registry.core.CompatibilityLevel;
import io.ferstream.registry.core.Mode;
import io.ferstream.registry.core.SchemaReference;
import io.ferstream.registry.store.StoreKey.ConfigKey;
import io.ferstream.registry.store.StoreKey.DeleteSubjectKey;
import io.ferstream.registry.store.StoreKey.ModeKey;
import io.ferstream.registry.store.StoreKey.SchemaKey;
import io.ferstream.registry.store.StoreValue.ConfigValue;
import io.ferstream.registry.store.StoreValue.DeleteSubjectValue;
import io.ferstream.registry.store.StoreValue.ModeValue;
import io.ferstream.registry.store.StoreValue.SchemaValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's state as materialized from its log: subjects and versions, the id index, configs and
 * modes. Applying the same records in the same order always gives the same state, which is what lets
 * the Kafka store rebuild it on restart.
 *
 * <p>All methods are synchronized: the Kafka reader thread applies records while HTTP threads read.
 * Traffic is low (schemas are cached by clients), so one monitor is simpler than finer locking.
 * Queries hand out copies.
 */
public final class RegistryState {
    private final Map<String, TreeMap<Integer, SchemaValue>> subjects = new HashMap<>();
    private final Map<Integer, TreeSet<SchemaKey>> keysById = new HashMap<>();
    private final Map<String, Integer> idByIdentity = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectConfigs = new HashMap<>();
    private final Map<String, Mode> subjectModes = new HashMap<>();
    private CompatibilityLevel globalConfig;
    private Mode globalMode;
    /** Highest id ever applied, kept even when that schema is later hard-deleted, so ids are not reused. */
    private int maxId;

    /** Applies one log record; {@code value == null} removes the key. */
    public synchronized void apply(StoreKey key, StoreValue value) {
        if (key instanceof SchemaKey k) {
            applySchema(k, (SchemaValue) value);
        } else if (key instanceof ConfigKey k) {
            CompatibilityLevel level = value == null ? null : ((ConfigValue) value).compatibilityLevel();
            if (k.subject() == null) {
                globalConfig = level;
            } else if (level == null) {
                subjectConfigs.remove(k.subject());
            } else {
                subjectConfigs.put(k.subject(), level);
            }
        } else if (key instanceof ModeKey k) {
            Mode mode = value == null ? null : ((ModeValue) value).mode();
            if (k.subject() == null) {
                globalMode = mode;
            } else if (mode == null) {
                subjectModes.remove(k.subject());
            } else {
                subjectModes.put(k.subject(), mode);
            }
        } else if (key instanceof DeleteSubjectKey k && value instanceof DeleteSubjectValue v) {
            TreeMap<Integer, SchemaValue> versions = subjects.get(k.subject());
            if (versions != null) {
                versions.headMap(v.version(), true).replaceAll((version, schema) -> schema.withDeleted(true));
            }
        }
    }

    private void applySchema(SchemaKey key, SchemaValue value) {
        TreeMap<Integer, SchemaValue> versions = subjects.get(key.subject());
        SchemaValue previous = versions == null ? null : versions.get(key.version());
        if (previous != null) {
            unindex(key, previous);
        }
        if (value == null) {
            if (versions != null) {
                versions.remove(key.version());
                if (versions.isEmpty()) {
                    subjects.remove(key.subject());
                }
            }
            return;
        }
        subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>()).put(key.version(), value);
        keysById.computeIfAbsent(value.id(), id -> new TreeSet<>(RegistryState::compareKeys)).add(key);
        idByIdentity.putIfAbsent(value.identity(), value.id());
        maxId = Math.max(maxId, value.id());
    }

    private void unindex(SchemaKey key, SchemaValue previous) {
        TreeSet<SchemaKey> keys = keysById.get(previous.id());
        if (keys == null) {
            return;
        }
        keys.remove(key);
        if (keys.isEmpty()) {
            keysById.remove(previous.id());
            idByIdentity.values().removeIf(id -> id == previous.id());
        }
    }

    private static int compareKeys(SchemaKey a, SchemaKey b) {
        int bySubject = a.subject().compareTo(b.subject());
        return bySubject != 0 ? bySubject : Integer.compare(a.version(), b.version());
    }

    /** Every version of the subject, soft-deleted ones included, oldest first. */
    public synchronized List<SchemaValue> versions(String subject) {
        TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    public synchronized Optional<SchemaValue> version(String subject, int version) {
        TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
        return Optional.ofNullable(versions == null ? null : versions.get(version));
    }

    /** Every subject that has at least one version (soft-deleted or not), sorted. */
    public synchronized List<String> subjectNames() {
        return new ArrayList<>(new TreeSet<>(subjects.keySet()));
    }

    /** Every stored version carrying this id, sorted by subject then version. */
    public synchronized List<SchemaValue> versionsWithId(int id) {
        TreeSet<SchemaKey> keys = keysById.get(id);
        if (keys == null) {
            return List.of();
        }
        List<SchemaValue> result = new ArrayList<>(keys.size());
        for (SchemaKey key : keys) {
            result.add(subjects.get(key.subject()).get(key.version()));
        }
        return result;
    }

    public synchronized Optional<SchemaValue> schemaById(int id) {
        TreeSet<SchemaKey> keys = keysById.get(id);
        if (keys == null || keys.isEmpty()) {
            return Optional.empty();
        }
        SchemaKey first = keys.first();
        return Optional.of(subjects.get(first.subject()).get(first.version()));
    }

    /** The id already given to this schema text (under any subject), if any. */
    public synchronized OptionalInt idFor(String identity) {
        Integer id = idByIdentity.get(identity);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    public synchronized int maxId() {
        return maxId;
    }

    /** Non-deleted versions whose references point at {@code subject}/{@code version}. */
    public synchronized List<SchemaValue> referencing(String subject, int version) {
        List<SchemaValue> result = new ArrayList<>();
        for (TreeMap<Integer, SchemaValue> versions : subjects.values()) {
            for (SchemaValue value : versions.values()) {
                if (value.deleted()) {
                    continue;
                }
                for (SchemaReference ref : value.references()) {
                    if (ref.subject().equals(subject) && ref.version() == version) {
                        result.add(value);
                        break;
                    }
                }
            }
        }
        result.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return result;
    }

    /** The configured level: {@code subject == null} asks for the global one. */
    public synchronized Optional<CompatibilityLevel> compatibility(String subject) {
        return Optional.ofNullable(subject == null ? globalConfig : subjectConfigs.get(subject));
    }

    /** The configured mode: {@code subject == null} asks for the global one. */
    public synchronized Optional<Mode> mode(String subject) {
        return Optional.ofNullable(subject == null ? globalMode : subjectModes.get(subject));
    }
}
