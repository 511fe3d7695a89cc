package io.ferstream.classifier.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Health, readiness and metrics over HTTP (the JDK's server, two daemon threads):
 * <ul>
 *   <li>{@code GET /health}: 200 while the application is alive (Kafka Streams not failed or stopped), else 503;
 *   <li>{@code GET /ready}: 200 when Kafka Streams is RUNNING and a release is loaded, else 503;
 *   <li>{@code GET /metrics}: the Prometheus text exposition.
 * </ul>
 */
public final class OpsHttpServer implements AutoCloseable {

  /** What the endpoints report. */
  public interface Probe {
    /** Alive, and a line saying why or why not. */
    Status health();

    /** Ready to take traffic, and a line saying why or why not. */
    Status readiness();
  }

  /** One probe's answer. */
  public record Status(boolean ok, String detail) {}

  private final HttpServer server;
  private final ExecutorService executor;

  public OpsHttpServer(String host, int port, Probe probe, Supplier<String> prometheusText) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    executor = Executors.newFixedThreadPool(2, DaemonThreads.named("classifier-http"));
    server.setExecutor(executor);
    server.createContext("/health", ex -> status(ex, probe.health()));
    server.createContext("/ready", ex -> status(ex, probe.readiness()));
    server.createContext("/metrics", ex -> respond(ex, 200,
        io.ferstream.classifier.metrics.PrometheusText.CONTENT_TYPE, prometheusText.get()));
    server.start();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void status(HttpExchange ex, Status s) throws IOException {
    respond(ex, s.ok() ? 200 : 503, "text/plain; charset=utf-8", (s.ok() ? "OK " : "NOT OK ") + s.detail() + "\n");
  }

  private static void respond(HttpExchange ex, int code, String contentType, String body) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
