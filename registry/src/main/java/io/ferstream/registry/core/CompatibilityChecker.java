package io.ferstream.registry.core;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a candidate schema may follow earlier ones under a {@link CompatibilityLevel}, with
 * Avro's {@link SchemaCompatibility} doing the actual reader/writer analysis.
 *
 * <p>BACKWARD: the candidate, as reader, reads data written with the earlier schema. FORWARD: the
 * earlier schema, as reader, reads data written with the candidate. FULL: both. Non-transitive levels
 * look at the latest earlier version only; transitive ones at all of them.
 */
public final class CompatibilityChecker {

    /** An earlier, live version to check against. */
    public record Previous(int version, String canonical, Schema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * @param previous live versions, oldest first
     * @return empty when compatible; otherwise messages in Confluent's style, describing the first
     *     (most recent) version the candidate is incompatible with
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Previous> toCheck = level.transitive() ? previous : previous.subList(previous.size() - 1, previous.size());
        // Newest first, like Confluent: the most relevant failure is reported.
        for (int i = toCheck.size() - 1; i >= 0; i--) {
            Previous old = toCheck.get(i);
            List<String> messages = new ArrayList<>();
            if (level.backward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()), "new", messages);
            }
            if (level.forward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate), "old", messages);
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.canonical() + "'}");
                messages.add("{compatibility: '" + level.name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility pair, String readerSide,
                                 List<String> messages) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'The " + readerSide
                    + " schema (as reader) at path '" + incompatibility.getLocation() + "' "
                    + "cannot read the other schema: " + incompatibility.getMessage() + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }
}
