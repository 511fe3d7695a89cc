package io.ferstream.aggregator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written OpenAPI 3 description of the REST API, served at {@code /api/openapi.json}. */
public final class OpenApi {

  /** Class-path location of the description. */
  public static final String RESOURCE = "openapi.json";

  private static volatile String cached;

  private OpenApi() {}

  public static String json() {
    String json = cached;
    if (json == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE + " next to " + OpenApi.class.getName());
        }
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cached = json;
    }
    return json;
  }
}
