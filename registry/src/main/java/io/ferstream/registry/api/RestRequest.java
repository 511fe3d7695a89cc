package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferstream.registry.core.Errors;

import java.util.Locale;
import java.util.Map;

/** What a resource handler sees of an HTTP request: decoded path parameters, query and body. */
public final class RestRequest {
    private final String method;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final byte[] body;

    RestRequest(String method, Map<String, String> pathParams, Map<String, String> query, byte[] body) {
        this.method = method;
        this.pathParams = Map.copyOf(pathParams);
        this.query = Map.copyOf(query);
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    /** A query parameter, or {@code null}. */
    public String query(String name) {
        return query.get(name);
    }

    /** Booleans parse like JAX-RS {@code @QueryParam boolean}: "true" in any case, anything else false. */
    public boolean flag(String name) {
        String value = query.get(name);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    public int intQuery(String name, int defaultValue) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            // JAX-RS rejects a query parameter it cannot convert with a plain 404.
            throw new HttpStatusException(404);
        }
    }

    /**
     * The body as JSON; {@code null} when there is none. Malformed JSON is a 400, like Confluent's
     * JSON provider.
     */
    public JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw Errors.badRequest("Unrecognized JSON in request body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw Errors.badRequest("Unreadable request body: " + e.getMessage());
        }
    }

    /** The body as a JSON object; a missing body is 422 like Confluent's {@code @NotNull} request. */
    public JsonNode jsonObject() {
        JsonNode node = json();
        if (node == null || node.isNull()) {
            throw Errors.unprocessable("Request body may not be null");
        }
        if (!node.isObject()) {
            throw Errors.unprocessable("Request body must be a JSON object");
        }
        return node;
    }
}
