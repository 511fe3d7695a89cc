package io.ferstream.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON encoding of {@link StoreKey}/{@link StoreValue} in the {@code _schemas} topic, in Confluent's
 * layout ({@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}} and so on), so the topic
 * reads the same to people and tools that know Confluent's.
 *
 * <p>Keys are written with a fixed field order: log compaction compares key <em>bytes</em>, so the
 * same logical key must always serialize identically.
 */
public final class StoreRecordCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreRecordCodec() {
    }

    public static byte[] encodeKey(StoreKey key) {
        ObjectNode node = MAPPER.createObjectNode();
        if (key instanceof SchemaKey k) {
            node.put("keytype", "SCHEMA").put("subject", k.subject()).put("version", k.version()).put("magic", 1);
        } else if (key instanceof ConfigKey k) {
            node.put("keytype", "CONFIG").put("subject", k.subject()).put("magic", 0);
        } else if (key instanceof ModeKey k) {
            node.put("keytype", "MODE").put("subject", k.subject()).put("magic", 0);
        } else if (key instanceof DeleteSubjectKey k) {
            node.put("keytype", "DELETE_SUBJECT").put("subject", k.subject()).put("magic", 0);
        }
        return write(node);
    }

    /**
     * @return the key, or empty for key types this registry does not use (Confluent's NOOP,
     *     CLEAR_SUBJECT, CONTEXT, ...), which the reader skips
     */
    public static Optional<StoreKey> decodeKey(byte[] bytes) {
        JsonNode node = read(bytes);
        String subject = node.hasNonNull("subject") ? node.get("subject").asText() : null;
        switch (node.path("keytype").asText()) {
            case "SCHEMA":
                return Optional.of(new SchemaKey(subject, node.path("version").asInt()));
            case "CONFIG":
                return Optional.of(new ConfigKey(subject));
            case "MODE":
                return Optional.of(new ModeKey(subject));
            case "DELETE_SUBJECT":
                return Optional.of(new DeleteSubjectKey(subject));
            default:
                return Optional.empty();
        }
    }

    /** @return the bytes, or {@code null} for a removal (tombstone) */
    public static byte[] encodeValue(StoreValue value) {
        if (value == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        if (value instanceof SchemaValue v) {
            node.put("subject", v.subject()).put("version", v.version()).put("id", v.id());
            if (!SchemaValue.AVRO.equals(v.schemaType())) {
                node.put("schemaType", v.schemaType());
            }
            if (!v.references().isEmpty()) {
                ArrayNode refs = node.putArray("references");
                for (SchemaReference ref : v.references()) {
                    refs.addObject().put("name", ref.name()).put("subject", ref.subject()).put("version", ref.version());
                }
            }
            node.put("schema", v.schema()).put("deleted", v.deleted());
        } else if (value instanceof ConfigValue v) {
            node.put("compatibilityLevel", v.compatibilityLevel().name());
        } else if (value instanceof ModeValue v) {
            node.put("mode", v.mode().name());
        } else if (value instanceof DeleteSubjectValue v) {
            node.put("subject", v.subject()).put("version", v.version());
        }
        return write(node);
    }

    /**
     * @return the value; {@code null} for a tombstone, and also for a value this registry cannot
     *     represent (e.g. Confluent's IMPORT mode), which then reads as "not set"
     */
    public static StoreValue decodeValue(StoreKey key, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode node = read(bytes);
        if (key instanceof SchemaKey k) {
            List<SchemaReference> refs = new ArrayList<>();
            for (JsonNode ref : node.path("references")) {
                refs.add(new SchemaReference(ref.path("name").asText(), ref.path("subject").asText(),
                        ref.path("version").asInt()));
            }
            String type = node.hasNonNull("schemaType") ? node.get("schemaType").asText() : SchemaValue.AVRO;
            return new SchemaValue(k.subject(), k.version(), node.path("id").asInt(), type,
                    node.path("schema").asText(), refs, node.path("deleted").asBoolean(false));
        }
        if (key instanceof ConfigKey) {
            return CompatibilityLevel.forName(node.path("compatibilityLevel").asText(null))
                    .map(ConfigValue::new).orElse(null);
        }
        if (key instanceof ModeKey) {
            return Mode.forName(node.path("mode").asText(null)).map(ModeValue::new).orElse(null);
        }
        if (key instanceof DeleteSubjectKey k) {
            return new DeleteSubjectValue(k.subject(), node.path("version").asInt());
        }
        return null;
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON store record: " + e.getMessage(), e);
        }
    }
}
