package io.ferstream.registry.core;

import io.ferstream.registry.store.StoreValue.SchemaValue;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Parses Avro schema text, resolving Confluent-style references, into a {@link ParsedSchema}.
 *
 * <p>The canonical text is Avro's own JSON rendering ({@link Schema#toString()}): whitespace and key
 * order are normalized, but docs, defaults, aliases and logical types are kept. Avro's "parsing
 * canonical form" would be a stricter normalization, but it drops defaults, and defaults decide
 * compatibility, so it cannot be what we store. Confluent stores the same rendering.
 */
public final class AvroSchemas {
    /** Looks up a referenced version (soft-deleted ones included): (subject, version) to value. */
    public interface ReferenceResolver extends BiFunction<String, Integer, Optional<SchemaValue>> {
    }

    /** A parsed schema and the canonical text it is stored and compared as. */
    public record ParsedSchema(Schema schema, String canonical) {
    }

    private AvroSchemas() {
    }

    public static ParsedSchema parse(String text, List<SchemaReference> references, ReferenceResolver resolver) {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (SchemaReference ref : references) {
            loadReference(ref, parser, resolver, visited, referenced);
        }
        Schema schema;
        try {
            schema = parser.parse(text);
        } catch (SchemaParseException | IllegalArgumentException | NullPointerException e) {
            // Avro reports bad JSON, unknown types and bad defaults in several exception types.
            throw Errors.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw Errors.invalidSchema("Invalid schema " + text + ", details: " + e, e);
        }
        // With references, the imported named types are rendered by name, not inlined, so the stored
        // text stays what the caller meant (and matches what Confluent stores).
        String canonical = referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
        return new ParsedSchema(schema, canonical);
    }

    private static void loadReference(SchemaReference ref, Schema.Parser parser, ReferenceResolver resolver,
                                      Set<String> visited, List<Schema> referenced) {
        if (ref.name() == null || ref.subject() == null) {
            throw Errors.invalidSchema("Invalid reference " + ref + ": name and subject are required");
        }
        if (!visited.add(ref.subject() + '\u0000' + ref.version())) {
            return;
        }
        SchemaValue target = resolver.apply(ref.subject(), ref.version())
                .orElseThrow(() -> Errors.invalidSchema("Invalid schema reference " + ref
                        + ": subject '" + ref.subject() + "' version " + ref.version() + " not found"));
        for (SchemaReference nested : target.references()) {
            loadReference(nested, parser, resolver, visited, referenced);
        }
        try {
            referenced.add(parser.parse(target.schema()));
        } catch (RuntimeException e) {
            throw Errors.invalidSchema("Invalid schema reference " + ref + ": " + e.getMessage(), e);
        }
    }
}
