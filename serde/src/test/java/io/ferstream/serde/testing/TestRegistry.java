package io.ferstream.serde.testing;

import io.ferstream.registry.SchemaRegistryServer;

/**
 * A running Schema Registry for round-trip and interop tests, of one of two kinds:
 * <ul>
 *   <li>{@link Kind#EMBEDDED}: module ferstream-registry's {@link SchemaRegistryServer}, the real
 *       implementation of Confluent's REST API, with an in-memory store.</li>
 *   <li>{@link Kind#IN_MEMORY_REST}: {@link InMemoryRestRegistry}, this module's test stand-in over
 *       {@code InMemorySchemaRegistryClient}, which also counts requests for caching tests.</li>
 * </ul>
 */
public final class TestRegistry implements AutoCloseable {

  public enum Kind { EMBEDDED, IN_MEMORY_REST }

  private final Kind kind;
  private final String url;
  private final AutoCloseable server;
  private final InMemoryRestRegistry inMemory;

  private TestRegistry(Kind kind, String url, AutoCloseable server, InMemoryRestRegistry inMemory) {
    this.kind = kind;
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.server = server;
    this.inMemory = inMemory;
  }

  public static TestRegistry start(Kind kind) {
    if (kind == Kind.IN_MEMORY_REST) {
      InMemoryRestRegistry registry = new InMemoryRestRegistry();
      return new TestRegistry(kind, registry.url(), registry, registry);
    }
    SchemaRegistryServer server = SchemaRegistryServer.builder().port(0).inMemoryStore().build().start();
    return new TestRegistry(kind, server.url(), server, null);
  }

  public Kind kind() {
    return kind;
  }

  public String url() {
    return url;
  }

  /** HTTP requests served, counted by the in-memory stand-in only. */
  public int requestCount() {
    if (inMemory == null) {
      throw new IllegalStateException("Only the in-memory stand-in counts requests");
    }
    return inMemory.requestCount();
  }

  @Override
  public void close() throws Exception {
    server.close();
  }

  @Override
  public String toString() {
    return kind + " " + url;
  }
}
