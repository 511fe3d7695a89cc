package io.ferstream.registry.store;

import io.ferstream.registry.core.CompatibilityLevel;
import io.ferstream.registry.core.Mode;
import io.ferstream.registry.core.SchemaReference;

import java.util.List;
import java.util.Objects;

/** Values of the registry's log; a {@code null} value (tombstone) removes the key. */
public sealed interface StoreValue {

    /**
     * A registered version. {@code schema} is the canonical text (what GET returns), so two
     * registrations that differ only in whitespace compare equal.
     */
    record SchemaValue(String subject, int version, int id, String schemaType, String schema,
                       List<SchemaReference> references, boolean deleted) implements StoreValue {
        public static final String AVRO = "AVRO";

        public SchemaValue {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
            schemaType = schemaType == null ? AVRO : schemaType;
            references = references == null ? List.of() : List.copyOf(references);
        }

        public SchemaValue withDeleted(boolean isDeleted) {
            return new SchemaValue(subject, version, id, schemaType, schema, references, isDeleted);
        }

        /** What makes two registrations "the same schema" and therefore the same id. */
        public String identity() {
            return identity(schemaType, schema, references);
        }

        public static String identity(String schemaType, String canonicalSchema, List<SchemaReference> references) {
            return (schemaType == null ? AVRO : schemaType) + '\u0000' + canonicalSchema + '\u0000' + references;
        }
    }

    record ConfigValue(CompatibilityLevel compatibilityLevel) implements StoreValue {
        public ConfigValue {
            Objects.requireNonNull(compatibilityLevel, "compatibilityLevel");
        }
    }

    record ModeValue(Mode mode) implements StoreValue {
        public ModeValue {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** Every version up to and including {@code version} is soft-deleted. */
    record DeleteSubjectValue(String subject, int version) implements StoreValue {
    }
}
