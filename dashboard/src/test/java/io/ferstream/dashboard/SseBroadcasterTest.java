package io.ferstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseBroadcasterTest {

  private HttpServer server;
  private SseBroadcaster broadcaster;

  private URI start(int queueSize, int maxClients, Duration heartbeat) throws Exception {
    broadcaster = new SseBroadcaster(queueSize, maxClients, heartbeat, Duration.ofMillis(1500));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/events", broadcaster.handler());
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  @AfterEach
  void stop() {
    if (broadcaster != null) {
      broadcaster.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void shouldEncodeEventsWithOneDataLinePerLine() {
    String frame = new String(SseBroadcaster.encode(7, "stats", "a\nb"), StandardCharsets.UTF_8);
    assertThat(frame).isEqualTo("id: 7\nevent: stats\ndata: a\ndata: b\n\n");
  }

  @Test
  void shouldGreetThenPushEveryEventToEveryClientWithinASecond() throws Exception {
    URI uri = start(16, 8, Duration.ofSeconds(10));
    try (SseTestClient a = new SseTestClient(uri); SseTestClient b = new SseTestClient(uri)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> a.events("hello").size() == 1 && b.events("hello").size() == 1);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.lines()).contains("retry: 1500");
      assertThat(a.events("hello").get(0).data()).contains("\"heartbeatMs\":10000");

      broadcaster.broadcast("stats", "{\"sessionId\":\"s1\"}");
      broadcaster.broadcast("stats", "{\"sessionId\":\"s2\"}");

      await().atMost(Duration.ofSeconds(1)).until(() -> a.events("stats").size() == 2 && b.events("stats").size() == 2);
      assertThat(a.events("stats")).extracting(SseTestClient.Event::data)
          .containsExactly("{\"sessionId\":\"s1\"}", "{\"sessionId\":\"s2\"}");
      assertThat(broadcaster.clientCount()).isEqualTo(2);
    }
  }

  @Test
  void shouldSendHeartbeatsWhileIdle() throws Exception {
    URI uri = start(16, 8, Duration.ofMillis(200));
    try (SseTestClient client = new SseTestClient(uri)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> client.lines().stream().filter(":hb"::equals).count() >= 3);
    }
  }

  @Test
  void shouldDropASlowClientWithoutHoldingUpTheOthers() throws Exception {
    URI uri = start(4, 8, Duration.ofSeconds(10));
    // A browser that never reads: once the socket buffers are full its queue fills and it must be dropped.
    try (Socket stuck = new Socket("127.0.0.1", uri.getPort()); SseTestClient fast = new SseTestClient(uri)) {
      OutputStream out = stuck.getOutputStream();
      out.write(("GET /events HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.clientCount() == 2 && fast.events("hello").size() == 1);

      String big = "x".repeat(64 * 1024);
      int sent = 0;
      long started = System.nanoTime();
      // Bursts smaller than a queue, each caught up by the fast client, until the stuck one is dropped.
      while (broadcaster.droppedClients() == 0 && sent < 3_000) {
        for (int i = 0; i < 3; i++) {
          broadcaster.broadcast("stats", big);
          sent++;
        }
        int expected = sent;
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
            .until(() -> fast.events("stats").size() == expected);
      }
      assertThat(broadcaster.droppedClients()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.clientCount() == 1);
      assertThat(fast.events("stats")).hasSize(sent);
      int total = sent;
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(120));

      broadcaster.broadcast("stats", "after");
      await().atMost(Duration.ofSeconds(1)).until(() -> fast.events("stats").size() == total + 1);
    }
  }

  @Test
  void shouldRefuseClientsBeyondTheLimit() throws Exception {
    URI uri = start(4, 1, Duration.ofSeconds(10));
    try (SseTestClient first = new SseTestClient(uri)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> first.events("hello").size() == 1);
      try (SseTestClient second = new SseTestClient(uri)) {
        await().atMost(Duration.ofSeconds(10)).until(second::ended);
        assertThat(second.status()).isEqualTo(503);
      }
    }
  }

  @Test
  void shouldEndEveryStreamOnClose() throws Exception {
    URI uri = start(4, 8, Duration.ofSeconds(10));
    try (SseTestClient client = new SseTestClient(uri)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> client.events("hello").size() == 1);
      broadcaster.close();
      await().atMost(Duration.ofSeconds(5)).until(client::ended);
      assertThat(broadcaster.clientCount()).isZero();
    }
  }
}
