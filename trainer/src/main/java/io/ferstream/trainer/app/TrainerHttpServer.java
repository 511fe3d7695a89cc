package io.ferstream.trainer.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The trainer's HTTP endpoint: {@code GET /health} (200 while healthy, 503 with the failure otherwise),
 * {@code GET /metrics} (Prometheus text), {@code GET /api/rounds} (every round's {@code round.json}, as a JSON array)
 * and {@code POST /api/rounds} (run a round at the next check, whatever the policy says).
 */
public final class TrainerHttpServer implements AutoCloseable {

  private final HttpServer server;

  public TrainerHttpServer(String host, int port, Supplier<Throwable> failure, TrainerMetrics metrics,
      Path roundsDir, Runnable requestRound) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2, DaemonThreads.named("trainer-http")));
    server.createContext("/health", ex -> {
      Throwable f = failure.get();
      send(ex, f == null ? 200 : 503, "text/plain", f == null ? "UP\n" : "DOWN: " + f + "\n");
    });
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", metrics.prometheus()));
    server.createContext("/api/rounds", ex -> {
      if ("POST".equals(ex.getRequestMethod())) {
        requestRound.run();
        send(ex, 202, "application/json", "{\"requested\":true}\n");
      } else if ("GET".equals(ex.getRequestMethod())) {
        send(ex, 200, "application/json", rounds(roundsDir));
      } else {
        send(ex, 405, "text/plain", "GET or POST\n");
      }
    });
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static String rounds(Path dir) throws IOException {
    List<String> docs = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> rounds = Files.list(dir)) {
        for (Path r : rounds.filter(p -> p.getFileName().toString().startsWith("round-")).sorted().toList()) {
          Path json = r.resolve("round.json");
          if (Files.isRegularFile(json)) {
            docs.add(Files.readString(json, StandardCharsets.UTF_8).trim());
          }
        }
      }
    }
    return "[" + String.join(",\n", docs) + "]\n";
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
