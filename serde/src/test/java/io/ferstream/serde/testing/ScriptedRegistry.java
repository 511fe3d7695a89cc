package io.ferstream.serde.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP server that answers from a script and records every request, to test the client's own behaviour
 * (headers, retries, failover, error mapping) where a real registry could not be made to misbehave.
 */
public final class ScriptedRegistry implements AutoCloseable {

  /** A recorded request; header names lower-cased. */
  public record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** A scripted answer, sent after {@code delayMillis}. */
  public record Reply(int status, String body, long delayMillis) {
  }

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private Reply otherwise = new Reply(500, "{\"error_code\":50000,\"message\":\"script exhausted\"}", 0);

  private ScriptedRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      Reply reply;
      synchronized (this) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
            headers, body));
        reply = script.isEmpty() ? otherwise : script.poll();
      }
      try {
        if (reply.delayMillis() > 0) {
          Thread.sleep(reply.delayMillis());
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (InterruptedException | IOException e) {
        // The client gave up (timeout test) or the server is stopping.
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public static ScriptedRegistry start() {
    try {
      return new ScriptedRegistry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Queues the next answer. */
  public synchronized ScriptedRegistry reply(int status, String body) {
    script.add(new Reply(status, body, 0));
    return this;
  }

  public synchronized ScriptedRegistry replyAfter(long delayMillis, int status, String body) {
    script.add(new Reply(status, body, delayMillis));
    return this;
  }

  /** The answer once the script is exhausted. */
  public synchronized ScriptedRegistry otherwise(int status, String body) {
    otherwise = new Reply(status, body, 0);
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
