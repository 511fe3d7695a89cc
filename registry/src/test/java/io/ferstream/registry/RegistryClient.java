package io.ferstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test-side HTTP client for the registry's REST API (java.net.http only; no dependency on serde). */
public final class RegistryClient {
    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public RegistryClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Status, content type and body of one exchange. */
    public record Reply(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public int errorCode() {
            return json().path("error_code").asInt();
        }

        public String message() {
            return json().path("message").asText();
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", V1_JSON));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Accept", V1_JSON));
    }

    public Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(json(body))
                .header("Content-Type", V1_JSON).header("Accept", V1_JSON));
    }

    public Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(json(body))
                .header("Content-Type", V1_JSON).header("Accept", V1_JSON));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** Registers and returns the id, failing the test on any other answer. */
    public int register(String subject, String schema) {
        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (reply.status() != 200) {
            throw new AssertionError("register failed: " + reply);
        }
        return reply.json().get("id").asInt();
    }

    public static ObjectNode schemaBody(String schema) {
        return MAPPER.createObjectNode().put("schema", schema);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
