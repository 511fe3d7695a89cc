package io.ferstream.serde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * A committed test vector: bytes written by Confluent's JavaScript serializer (src/test/node/interop.js
 * vectors), with the schema, id and subject it used and the value it was given.
 */
public record InteropVector(String name, String topic, boolean isKey, String subject, int schemaId, Schema schema,
    boolean specific, byte[] bytes, JsonNode value) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static List<InteropVector> all() {
    try (Stream<Path> files = Files.list(Path.of(InteropVector.class.getResource("/interop/vectors").toURI()))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().map(InteropVector::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static InteropVector named(String name) {
    return all().stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No vector " + name));
  }

  private static InteropVector read(Path file) {
    try {
      JsonNode v = JSON.readTree(file.toFile());
      return new InteropVector(v.path("case").asText(), v.path("topic").asText(),
          v.path("serdeType").asText().equals("KEY"), v.path("subject").asText(), v.path("schemaId").asInt(),
          new Schema.Parser().parse(v.path("schema").asText()), v.path("reader").asText().equals("specific"),
          HexFormat.of().parseHex(v.path("hex").asText()), v.get("value"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
