package io.ferstream.aggregator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ferstream.aggregator.api.StoreAccess.NotQueryableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api} (see {@code openapi.json} next to this class):
 * <ul>
 *   <li>{@code GET /api/sessions}: every session of every instance, with its total and latest tumbling window;
 *   <li>{@code GET /api/sessions/{id}}: a session's total, latest tumbling and latest hopping window;
 *   <li>{@code GET /api/sessions/{id}/timeline?from=&to=}: its tumbling windows starting in [from, to);
 *   <li>{@code GET /api/openapi.json}, {@code GET /api/health}.
 * </ul>
 * A session stored on another instance is fetched from that instance over HTTP (its {@code application.server});
 * a forwarded request is marked so that it is never forwarded again. While the stores are not queryable the
 * query is retried {@code retries} times, {@code backoff} apart, then answered 503 with a JSON error body.
 */
public final class ApiHandler implements HttpHandler {

  /** Header marking a request forwarded by another instance. */
  public static final String FORWARDED_HEADER = "X-FerStream-Forwarded";
  static final String JSON = "application/json; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private final StoreAccess stores;
  private final int retries;
  private final Duration backoff;
  private final Duration forwardTimeout;
  private final HttpClient client;

  public ApiHandler(StoreAccess stores, int retries, Duration backoff, Duration forwardTimeout) {
    this.stores = stores;
    this.retries = retries;
    this.backoff = backoff;
    this.forwardTimeout = forwardTimeout;
    this.client = HttpClient.newBuilder().connectTimeout(forwardTimeout).build();
  }

  /** A response: status and JSON body. */
  record Reply(int status, String body) {
    static Reply ok(JsonNode node) {
      return new Reply(200, node.toString());
    }

    static Reply error(int status, String error, String message) {
      ObjectNode node = StatsJson.MAPPER.createObjectNode();
      node.put("status", status);
      node.put("error", error);
      node.put("message", message);
      return new Reply(status, node.toString());
    }
  }

  /** A query step that may find the stores not queryable. */
  @FunctionalInterface
  private interface Query {
    Reply run() throws NotQueryableException;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        reply = Reply.error(405, "method_not_allowed", "only GET is supported");
      } else {
        reply = route(exchange);
      }
      send(exchange, reply);
    }
  }

  private Reply route(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    List<String> segments = segments(uri.getRawPath());
    Map<String, String> query = query(uri.getRawQuery());
    boolean forwarded = exchange.getRequestHeaders().getFirst(FORWARDED_HEADER) != null;
    try {
      // The context "/api" also receives "/apifoo/..." (prefix match): only "api" itself is ours.
      if (segments.isEmpty() || !segments.get(0).equals("api")) {
        return Reply.error(404, "not_found", "no such resource: " + uri.getPath());
      }
      if (segments.size() == 2 && segments.get(1).equals("openapi.json")) {
        return new Reply(200, OpenApi.json());
      }
      if (segments.size() == 2 && segments.get(1).equals("health")) {
        return health();
      }
      if (segments.size() >= 2 && segments.get(1).equals("sessions")) {
        if (segments.size() == 2) {
          boolean localOnly = "local".equals(query.get("scope"));
          return withRetries(() -> localOnly ? localSessions() : allSessions());
        }
        String session = segments.get(2);
        if (segments.size() == 3) {
          return withRetries(() -> forSession(session, uri, forwarded,
              local -> local.session(session).map(Reply::ok).orElseGet(() -> unknown(session))));
        }
        if (segments.size() == 4 && segments.get(3).equals("timeline")) {
          Long from = longParam(query, "from");
          Long to = longParam(query, "to");
          return withRetries(() -> forSession(session, uri, forwarded,
              local -> local.timeline(session, from, to).map(Reply::ok).orElseGet(() -> unknown(session))));
        }
      }
      return Reply.error(404, "not_found", "no such resource: " + uri.getPath());
    } catch (IllegalArgumentException e) {
      return Reply.error(400, "bad_request", e.getMessage());
    } catch (NotQueryableException e) {
      return Reply.error(503, "unavailable", e.getMessage() + "; retry later");
    } catch (RuntimeException e) {
      log.error("Failed to answer {}: {}", uri, e.toString(), e);
      return Reply.error(500, "internal_error", e.toString());
    }
  }

  private Reply health() {
    ObjectNode node = StatsJson.MAPPER.createObjectNode();
    node.put("state", stores.state().orElse("UNKNOWN"));
    node.put("applicationServer", stores.self().host() + ":" + stores.self().port());
    node.put("droppedRecords", (long) stores.droppedRecords());
    node.put("deadLetters", stores.deadLetters());
    boolean up = stores.state().map(s -> s.equals("RUNNING") || s.equals("REBALANCING")).orElse(true);
    return new Reply(up ? 200 : 503, node.toString());
  }

  private static Reply unknown(String session) {
    return Reply.error(404, "unknown_session", "no statistics for session " + session);
  }

  private Reply withRetries(Query query) throws NotQueryableException {
    for (int attempt = 0; ; attempt++) {
      try {
        return query.run();
      } catch (NotQueryableException | InvalidStateStoreException e) {
        if (attempt >= retries) {
          throw e instanceof NotQueryableException n ? n : new NotQueryableException(e.getMessage(), e);
        }
        log.debug("Query not answerable yet ({}); try {} of {}", e.getMessage(), attempt + 1, retries);
        sleep(backoff);
      }
    }
  }

  private Reply localSessions() throws NotQueryableException {
    ObjectNode body = StatsJson.MAPPER.createObjectNode();
    ArrayNode sessions = body.putArray("sessions");
    stores.local().sessions().forEach(sessions::add);
    body.put("count", sessions.size());
    return Reply.ok(body);
  }

  private Reply allSessions() throws NotQueryableException {
    List<JsonNode> all = new ArrayList<>();
    stores.local().sessions().forEach(all::add);
    for (HostInfo peer : stores.peers()) {
      Reply reply = get(peer, "/api/sessions?scope=local");
      if (reply.status() != 200) {
        throw new NotQueryableException("instance " + peer + " answered " + reply.status(), null);
      }
      try {
        StatsJson.MAPPER.readTree(reply.body()).path("sessions").forEach(all::add);
      } catch (IOException e) {
        throw new NotQueryableException("instance " + peer + " answered unreadable JSON", e);
      }
    }
    all.sort(Comparator.comparing(n -> n.path("sessionId").asText()));
    ObjectNode body = StatsJson.MAPPER.createObjectNode();
    body.putArray("sessions").addAll(all);
    body.put("count", all.size());
    return Reply.ok(body);
  }

  @FunctionalInterface
  private interface LocalQuery {
    Reply run(LocalStats local);
  }

  private Reply forSession(String session, URI uri, boolean forwarded, LocalQuery query)
      throws NotQueryableException {
    HostInfo owner = stores.owner(session);
    if (owner.equals(stores.self())) {
      return query.run(stores.localFor(session));
    }
    if (forwarded) {
      // The forwarding instance thinks we own it and we think another does: metadata is moving, try again later.
      throw new NotQueryableException("session " + session + " is moving between instances", null);
    }
    String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Reply reply = get(owner, pathAndQuery);
    if (reply.status() == 503) {
      throw new NotQueryableException("owner " + owner + " is not ready", null);
    }
    return reply;
  }

  private Reply get(HostInfo host, String pathAndQuery) throws NotQueryableException {
    URI target = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(target).timeout(forwardTimeout).header(FORWARDED_HEADER, "1")
        .header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new NotQueryableException("cannot reach " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotQueryableException("interrupted while forwarding to " + target, e);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    if (reply.status() == 503) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Decoded path segments: {@code /api/sessions/a%20b} is [api, sessions, a b]. */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.putIfAbsent(key, value);
      }
    }
    return params;
  }

  private static Long longParam(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be epoch milliseconds, not '" + value + "'");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
