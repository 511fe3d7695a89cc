package io.ferstream.serde.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named in-memory registries for {@code schema.registry.url=mock://<scope>}, Confluent's convention for
 * tests: every serde configured with the same scope shares one {@link InMemorySchemaRegistryClient}, so a
 * serializer and a deserializer built separately by Kafka Streams still see each other's schemas.
 */
public final class MockSchemaRegistry {

  public static final String MOCK_URL_PREFIX = "mock://";

  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {
  }

  /** The client of a scope, created on first use. */
  public static InMemorySchemaRegistryClient getClientForScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a scope, so the next test using its name starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  /** The scope named by a {@code mock://scope} URL. */
  public static String scopeOf(String url) {
    return url.strip().substring(MOCK_URL_PREFIX.length());
  }
}
