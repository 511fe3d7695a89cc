package io.ferstream.serde.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.serde.client.AvroSchemas;
import io.ferstream.serde.client.CompatibilityLevel;
import io.ferstream.serde.client.InMemorySchemaRegistryClient;
import io.ferstream.serde.client.SchemaMetadata;
import io.ferstream.serde.client.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * Confluent's REST API served over {@link InMemorySchemaRegistryClient}: a small stand-in registry used
 * while the embedded one of module ferstream-registry is not on the test classpath, and to count HTTP
 * requests in caching tests. Covers the endpoints serializers (Java and JavaScript) call.
 */
public final class InMemoryRestRegistry implements AutoCloseable {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  public InMemoryRestRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** HTTP requests served so far. */
  public int requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try {
      String method = exchange.getRequestMethod();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      List<String> path = Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
          .filter(s -> !s.isEmpty())
          .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
          .toList();
      JsonNode body = method.equals("POST") || method.equals("PUT")
          ? json.readTree(exchange.getRequestBody().readAllBytes()) : null;
      send(exchange, 200, route(method, path, query, body));
    } catch (SchemaRegistryException e) {
      ObjectNode error = json.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage());
      send(exchange, e.httpStatus() > 0 ? e.httpStatus() : 500, error);
    } catch (RuntimeException e) {
      ObjectNode error = json.createObjectNode().put("error_code", 50001).put("message", e.toString());
      send(exchange, 500, error);
    }
  }

  private Object route(String method, List<String> p, String query, JsonNode body) {
    String shape = method + " " + shape(p);
    return switch (shape) {
      case "GET subjects" -> registry.getAllSubjects();
      case "POST subjects/*/versions" -> Map.of("id", registry.register(p.get(1), schema(body)));
      case "POST subjects/*" -> metadata(registry.lookup(p.get(1), schema(body)));
      case "GET subjects/*/versions/*" -> p.get(3).equals("latest")
          ? metadata(registry.getLatestSchemaMetadata(p.get(1)))
          : metadata(registry.getSchemaMetadata(p.get(1), Integer.parseInt(p.get(3))));
      case "DELETE subjects/*" -> registry.deleteSubject(p.get(1), query.contains("permanent=true"));
      case "GET schemas/ids/*" -> Map.of("schema", registry.getSchemaById(Integer.parseInt(p.get(2))).toString());
      case "POST compatibility/subjects/*/versions/*" ->
          Map.of("is_compatible", registry.testCompatibility(p.get(2), schema(body)));
      case "GET config" -> Map.of("compatibilityLevel", registry.getGlobalCompatibility().name());
      case "PUT config" -> Map.of("compatibility",
          registry.updateGlobalCompatibility(CompatibilityLevel.parse(body.path("compatibility").asText())).name());
      case "GET config/*" -> Map.of("compatibilityLevel", registry.getCompatibility(p.get(1)).name());
      case "PUT config/*" -> Map.of("compatibility", registry.updateCompatibility(p.get(1),
          CompatibilityLevel.parse(body.path("compatibility").asText())).name());
      default -> throw new SchemaRegistryException("No route " + shape, 404, 404);
    };
  }

  /** The path with every non-keyword segment replaced by '*'. */
  private static String shape(List<String> p) {
    List<String> keywords = List.of("subjects", "versions", "schemas", "ids", "compatibility", "config");
    return String.join("/", p.stream().map(s -> keywords.contains(s) ? s : "*").toList());
  }

  private static Schema schema(JsonNode body) {
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SchemaRegistryException("Only AVRO schemas are served here", 422, 42201);
    }
    return AvroSchemas.parse(body.path("schema").asText());
  }

  private static Map<String, Object> metadata(SchemaMetadata m) {
    return Map.of("subject", m.subject(), "id", m.id(), "version", m.version(), "schema", m.schema());
  }

  private void send(HttpExchange exchange, int status, Object answer) throws IOException {
    byte[] bytes = json.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
