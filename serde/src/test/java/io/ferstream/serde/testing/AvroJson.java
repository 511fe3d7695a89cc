package io.ferstream.serde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The plain JSON the interop scripts print (bytes and fixed as hex, enums as symbols, unions unwrapped,
 * timestamps as epoch millis), made from Avro data, and Avro generic data made back from it. Lets the Java
 * side compare every field with what Confluent's JavaScript client wrote or read.
 */
public final class AvroJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private AvroJson() {
  }

  /** Avro data (generic, specific or primitive) as plain JSON. */
  public static JsonNode toJson(Object datum, Schema schema) {
    if (datum == null) {
      return JSON.nullNode();
    }
    switch (schema.getType()) {
      case RECORD: {
        ObjectNode object = JSON.objectNode();
        IndexedRecord record = (IndexedRecord) datum;
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return object;
      }
      case UNION:
        return toJson(datum, schema.getTypes().get(SpecificData.get().resolveUnion(schema, datum)));
      case ARRAY: {
        ArrayNode array = JSON.arrayNode();
        for (Object item : (Iterable<?>) datum) {
          array.add(toJson(item, schema.getElementType()));
        }
        return array;
      }
      case MAP: {
        ObjectNode object = JSON.objectNode();
        ((Map<?, ?>) datum).forEach((k, v) -> object.set(k.toString(), toJson(v, schema.getValueType())));
        return object;
      }
      case BYTES:
        return JSON.textNode(HEX.formatHex(bytes(datum)));
      case FIXED:
        return JSON.textNode(HEX.formatHex(((GenericFixed) datum).bytes()));
      case ENUM:
      case STRING:
        return JSON.textNode(datum.toString());
      case INT:
        return JSON.numberNode(((Integer) datum).intValue());
      case LONG:
        return JSON.numberNode(datum instanceof Instant instant ? instant.toEpochMilli() : ((Long) datum).longValue());
      case FLOAT:
        return JSON.numberNode((double) (Float) datum);
      case DOUBLE:
        return JSON.numberNode(((Double) datum).doubleValue());
      case BOOLEAN:
        return JSON.booleanNode((Boolean) datum);
      default:
        return JSON.nullNode();
    }
  }

  /** Plain JSON as Avro generic data of the schema (floats rounded to float, maps in JSON order). */
  public static Object fromJson(JsonNode json, Schema schema) {
    if (json == null || json.isNull()) {
      return null;
    }
    switch (schema.getType()) {
      case RECORD: {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), fromJson(json.get(field.name()), field.schema()));
        }
        return record;
      }
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (matches(json, branch)) {
            return fromJson(json, branch);
          }
        }
        throw new IllegalArgumentException(json + " matches no branch of " + schema);
      case ARRAY: {
        List<Object> items = new ArrayList<>();
        json.forEach(item -> items.add(fromJson(item, schema.getElementType())));
        return new GenericData.Array<>(schema, items);
      }
      case MAP: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          map.put(entry.getKey(), fromJson(entry.getValue(), schema.getValueType()));
        }
        return map;
      }
      case BYTES:
        return ByteBuffer.wrap(HEX.parseHex(json.asText()));
      case FIXED:
        return new GenericData.Fixed(schema, HEX.parseHex(json.asText()));
      case ENUM:
        return new GenericData.EnumSymbol(schema, json.asText());
      case STRING:
        return json.asText();
      case INT:
        return json.asInt();
      case LONG:
        return json.asLong();
      case FLOAT:
        return (float) json.asDouble();
      case DOUBLE:
        return json.asDouble();
      case BOOLEAN:
        return json.asBoolean();
      default:
        return null;
    }
  }

  /** JSON re-read through the schema, so numbers carry the schema's precision (0.05 as a float is not 0.05). */
  public static JsonNode normalize(JsonNode json, Schema schema) {
    return toJson(fromJson(json, schema), schema);
  }

  private static boolean matches(JsonNode json, Schema branch) {
    return switch (branch.getType()) {
      case NULL -> json.isNull();
      case STRING -> json.isTextual();
      case ENUM -> json.isTextual() && branch.getEnumSymbols().contains(json.asText());
      case INT, LONG -> json.isIntegralNumber();
      case FLOAT, DOUBLE -> json.isNumber();
      case BOOLEAN -> json.isBoolean();
      case RECORD, MAP -> json.isObject();
      case ARRAY -> json.isArray();
      case BYTES, FIXED -> json.isTextual();
      default -> false;
    };
  }

  private static byte[] bytes(Object datum) {
    if (datum instanceof byte[] bytes) {
      return bytes;
    }
    ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
