package io.ferstream.serde.testing;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;

/**
 * A running Schema Registry for round-trip tests, of one of two kinds:
 * <ul>
 *   <li>{@link Kind#EMBEDDED}: module ferstream-registry's {@code io.ferstream.registry.SchemaRegistryServer},
 *       the real implementation of Confluent's REST API. Reached by reflection so that this module builds
 *       while that class does not exist yet; the test is skipped, with the reason, until it does.</li>
 *   <li>{@link Kind#IN_MEMORY_REST}: {@link InMemoryRestRegistry}, the test stand-in.</li>
 * </ul>
 */
public final class TestRegistry implements AutoCloseable {

  public enum Kind { EMBEDDED, IN_MEMORY_REST }

  static final String EMBEDDED_CLASS = "io.ferstream.registry.SchemaRegistryServer";

  private final Kind kind;
  private final String url;
  private final AutoCloseable server;
  private final InMemoryRestRegistry inMemory;

  private TestRegistry(Kind kind, String url, AutoCloseable server, InMemoryRestRegistry inMemory) {
    this.kind = kind;
    this.url = url;
    this.server = server;
    this.inMemory = inMemory;
  }

  /** Starts a registry of that kind; skips the calling test when the embedded one is not on the classpath. */
  public static TestRegistry start(Kind kind) {
    if (kind == Kind.IN_MEMORY_REST) {
      InMemoryRestRegistry registry = new InMemoryRestRegistry();
      return new TestRegistry(kind, registry.url(), registry, registry);
    }
    Assumptions.assumeTrue(embeddedAvailable(), "ferstream-registry's " + EMBEDDED_CLASS
        + " is not on the test classpath yet (module registry not installed); install it to run this against the real registry");
    return startEmbedded();
  }

  /** The embedded registry when installed, else the in-memory stand-in. */
  public static TestRegistry startBest() {
    return start(embeddedAvailable() ? Kind.EMBEDDED : Kind.IN_MEMORY_REST);
  }

  public static boolean embeddedAvailable() {
    try {
      Class.forName(EMBEDDED_CLASS, false, TestRegistry.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
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

  /** {@code SchemaRegistryServer.builder().port(0).inMemoryStore().build()}, then start() and url(). */
  private static TestRegistry startEmbedded() {
    try {
      Class<?> type = Class.forName(EMBEDDED_CLASS);
      Object builder = call(null, type, "builder");
      builder = call(builder, builder.getClass(), "port", 0);
      builder = call(builder, builder.getClass(), "inMemoryStore");
      Object server = call(builder, builder.getClass(), "build");
      call(server, type, "start");
      String url = String.valueOf(call(server, type, "url"));
      return new TestRegistry(Kind.EMBEDDED, url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
          (AutoCloseable) server, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ferstream-registry's SchemaRegistryServer does not have the agreed API "
          + "(builder().port(0).inMemoryStore().build(), start(), url(), close())", e);
    }
  }

  private static Object call(Object target, Class<?> type, String name, Object... args)
      throws ReflectiveOperationException {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        method.setAccessible(true);
        return method.invoke(target, args);
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name + " with " + args.length + " argument(s)");
  }
}
