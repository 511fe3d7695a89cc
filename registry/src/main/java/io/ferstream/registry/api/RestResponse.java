package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A handler's answer: JSON, or raw text for the {@code /schema} endpoints, which return the schema
 * itself rather than a JSON string wrapping it.
 */
public record RestResponse(int status, JsonNode json, String raw) {

    public static RestResponse ok(JsonNode json) {
        return new RestResponse(200, json, null);
    }

    public static RestResponse ok(Object value) {
        return new RestResponse(200, Json.MAPPER.valueToTree(value), null);
    }

    public static RestResponse raw(String text) {
        return new RestResponse(200, null, text);
    }
}
