package io.ferstream.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events to every connected browser ({@code text/event-stream}). Each event goes to each client's
 * bounded queue without blocking; a client whose queue is full is disconnected and counted, so a slow or stuck
 * browser costs the application nothing. Clients get a heartbeat comment when idle and a {@code retry} hint.
 *
 * <p>Wire format of one event: {@code id: N}, {@code event: TYPE}, one {@code data:} line per line of data, then a
 * blank line. The first event of every stream is {@code hello}, with the server's settings as JSON.
 */
public final class SseBroadcaster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SseBroadcaster.class);

  private final int queueSize;
  private final int maxClients;
  private final Duration heartbeat;
  private final Duration retry;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong eventIds = new AtomicLong();
  private final AtomicLong clientIds = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean closed;

  public SseBroadcaster(int queueSize, int maxClients, Duration heartbeat, Duration retry) {
    this.queueSize = queueSize;
    this.maxClients = maxClients;
    this.heartbeat = heartbeat;
    this.retry = retry;
  }

  public static SseBroadcaster from(DashboardConfig config) {
    return new SseBroadcaster(config.sseQueueSize(), config.sseMaxClients(), config.sseHeartbeat(),
        config.sseRetry());
  }

  /** The handler of the stream endpoint: {@code GET} opens a stream; it returns at once, a thread writes. */
  public HttpHandler handler() {
    return this::open;
  }

  private void open(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    if (closed || clients.size() >= maxClients) {
      exchange.getResponseHeaders().set("Retry-After", "5");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    // Tell reverse proxies (nginx) not to buffer the stream.
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    SseClient client = new SseClient(exchange, queueSize, heartbeat, "dashboard-sse-" + clientIds.incrementAndGet(),
        clients::remove);
    clients.add(client);
    String hello = "{\"heartbeatMs\":" + heartbeat.toMillis() + ",\"queueSize\":" + queueSize + "}";
    client.start(("retry: " + retry.toMillis() + "\n" + new String(encode(0, "hello", hello),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    if (closed) {
      // Closed while this client was being added: do not leave it open.
      client.close();
    }
  }

  /** Sends an event to every client; never blocks. Clients too far behind are disconnected. */
  public void broadcast(String type, String data) {
    if (closed) {
      return;
    }
    byte[] event = encode(eventIds.incrementAndGet(), type, data);
    for (SseClient client : clients) {
      if (client.offer(event)) {
        sent.incrementAndGet();
      } else if (!client.ended()) {
        dropped.incrementAndGet();
        log.warn("Dashboard client too slow ({} events queued): disconnected", queueSize);
        client.abort();
      }
    }
  }

  static byte[] encode(long id, String type, String data) {
    StringBuilder frame = new StringBuilder(data.length() + 48);
    if (id > 0) {
      frame.append("id: ").append(id).append('\n');
    }
    frame.append("event: ").append(type).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Clients connected now. */
  public int clientCount() {
    return clients.size();
  }

  /** Clients disconnected for being too slow, since start. */
  public long droppedClients() {
    return dropped.get();
  }

  /** Events queued to clients, since start (one per client per event). */
  public long eventsQueued() {
    return sent.get();
  }

  /** Ends every stream and refuses new ones. Waits briefly for the writers to finish. */
  @Override
  public void close() {
    closed = true;
    for (SseClient client : clients) {
      client.close();
    }
    for (SseClient client : clients) {
      try {
        client.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      // Still writing after the bound: a browser that does not read; cut it off.
      client.abort();
    }
  }
}
