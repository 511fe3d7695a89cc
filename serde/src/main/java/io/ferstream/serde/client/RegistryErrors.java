package io.ferstream.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a registry's error answer ({@code {"error_code": 40401, "message": "..."}}) into a typed exception. */
final class RegistryErrors {

  /** Bodies of proxies and load balancers can be whole HTML pages; keep messages readable. */
  private static final int MAX_MESSAGE_CHARS = 500;

  private RegistryErrors() {
  }

  static SchemaRegistryException fromResponse(int status, String body, String request, ObjectMapper json) {
    int code = status;
    String message = body == null || body.isBlank() ? "HTTP " + status : body.strip();
    try {
      JsonNode error = json.readTree(body == null ? "" : body);
      if (error != null && error.isObject()) {
        code = error.path("error_code").asInt(status);
        message = error.path("message").asText(message);
      }
    } catch (Exception notJson) {
      // Not Confluent's error envelope (a proxy's page, say): keep the raw text and the HTTP status as code.
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    String full = message + " (HTTP " + status + ", error code " + code + ", " + request + ")";
    return typed(full, status, code);
  }

  static SchemaRegistryException typed(String message, int status, int code) {
    if (status == 409 || code == SchemaRegistryException.INCOMPATIBLE_SCHEMA) {
      return new IncompatibleSchemaException(message, status, code);
    }
    return switch (code) {
      case SchemaRegistryException.SUBJECT_NOT_FOUND -> new SubjectNotFoundException(message, status, code);
      case SchemaRegistryException.VERSION_NOT_FOUND -> new VersionNotFoundException(message, status, code);
      case SchemaRegistryException.SCHEMA_NOT_FOUND -> new SchemaNotFoundException(message, status, code);
      case SchemaRegistryException.INVALID_SCHEMA -> new InvalidSchemaException(message, status, code);
      default -> new SchemaRegistryException(message, status, code);
    };
  }
}
