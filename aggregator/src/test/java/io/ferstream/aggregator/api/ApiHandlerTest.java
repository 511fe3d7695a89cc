package io.ferstream.aggregator.api;

import static io.ferstream.aggregator.testing.Events.T0;
import static io.ferstream.aggregator.testing.Events.happy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ferstream.aggregator.testing.TopologyFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API over a TopologyTestDriver's stores, this instance owning every session. */
class ApiHandlerTest {

  private TopologyFixture fixture;
  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger localCalls = new AtomicInteger();
  private volatile boolean queryable = true;

  @BeforeEach
  void start() throws IOException {
    fixture = new TopologyFixture();
    for (int i = 0; i < 25; i++) {
      fixture.send(happy("s1", T0 + i * 1_000L)); // tumbling windows T0, +10s, +20s
    }
    fixture.send(happy("s2", T0 + 500));
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 8);
    HostInfo self = new HostInfo("localhost", server.getAddress().getPort());
    StoreAccess access = new StoreAccess() {
      @Override
      public LocalStats local() throws NotQueryableException {
        localCalls.incrementAndGet();
        if (!queryable) {
          throw new NotQueryableException("rebalancing", null);
        }
        return new LocalStats(fixture.totals(), fixture.tumbling(), fixture.hopping(), Duration.ofHours(1));
      }

      @Override
      public HostInfo owner(String sessionId) {
        return self;
      }

      @Override
      public Set<HostInfo> peers() {
        return Set.of();
      }

      @Override
      public HostInfo self() {
        return self;
      }

      @Override
      public long deadLetters() {
        return 3;
      }
    };
    server.createContext("/api", new ApiHandler(access, 2, Duration.ofMillis(1), Duration.ofSeconds(5)));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    fixture.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getAddress().getPort()
        + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/json"));
    return StatsJson.MAPPER.readTree(response.body());
  }

  @Test
  void shouldServeEveryPathOfTheOpenApiDescription() throws Exception {
    JsonNode spec = StatsJson.MAPPER.readTree(OpenApi.json());
    List<String> paths = new ArrayList<>();
    spec.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/timeline",
        "/api/openapi.json");

    for (String path : paths) {
      for (Iterator<String> methods = spec.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
        assertThat(methods.next()).isEqualTo("get");
      }
      HttpResponse<String> response = get(path.replace("{id}", "s1"));
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(json(response)).as(path).isNotNull();
      assertThat(spec.get("paths").get(path).get("get").get("responses").has("200")).as(path).isTrue();
    }
  }

  @Test
  void shouldReportTheDeadLetterCountInTheHealthAnswer() throws Exception {
    JsonNode body = json(get("/api/health"));
    assertThat(body.get("deadLetters").asLong()).isEqualTo(3);
    assertThat(body.has("droppedRecords")).isTrue();
  }

  @Test
  void shouldListEverySessionWithItsTotalAndLatestTumblingWindow() throws Exception {
    JsonNode body = json(get("/api/sessions"));
    assertThat(body.get("count").asInt()).isEqualTo(2);
    JsonNode s1 = body.get("sessions").get(0);
    assertThat(s1.get("sessionId").asText()).isEqualTo("s1");
    assertThat(s1.get("total").get("windowType").asText()).isEqualTo("SESSION_TOTAL");
    assertThat(s1.get("total").get("eventCount").asLong()).isEqualTo(25);
    assertThat(s1.get("latestTumbling").get("windowStart").asLong()).isEqualTo(T0 + 20_000);
    assertThat(s1.get("latestTumbling").get("eventCount").asLong()).isEqualTo(5);
    assertThat(body.get("sessions").get(1).get("sessionId").asText()).isEqualTo("s2");
  }

  @Test
  void shouldAnswerASessionWithTotalAndLatestWindows() throws Exception {
    JsonNode body = json(get("/api/sessions/s1"));
    assertThat(body.get("total").get("eventCount").asLong()).isEqualTo(25);
    assertThat(body.get("total").get("windowStart").asLong()).isEqualTo(T0);
    assertThat(body.get("total").get("windowEnd").asLong()).isEqualTo(T0 + 24_000);
    assertThat(body.get("latestTumbling").get("windowStart").asLong()).isEqualTo(T0 + 20_000);
    assertThat(body.get("latestHopping").get("windowType").asText()).isEqualTo("HOPPING");
    assertThat(body.get("latestHopping").get("windowStart").asLong()).isEqualTo(T0 + 20_000);
    assertThat(body.get("latestHopping").get("eventCount").asLong()).isEqualTo(5);
  }

  @Test
  void shouldAnswerTheTumblingWindowsStartingInTheRange() throws Exception {
    JsonNode body = json(get("/api/sessions/s1/timeline?from=" + T0 + "&to=" + (T0 + 20_000)));
    assertThat(body.get("windows")).extracting(w -> w.get("windowStart").asLong()).containsExactly(T0, T0 + 10_000);
    assertThat(body.get("windows")).extracting(w -> w.get("eventCount").asLong()).containsExactly(10L, 10L);

    JsonNode defaults = json(get("/api/sessions/s1/timeline"));
    assertThat(defaults.get("to").asLong()).isEqualTo(T0 + 24_001);
    assertThat(defaults.get("from").asLong()).isEqualTo(T0 + 24_001 - 600_000);
    assertThat(defaults.get("windows")).hasSize(3);
  }

  @Test
  void shouldAnswerAnUnknownSessionWith404AndAJsonError() throws Exception {
    for (String path : List.of("/api/sessions/nobody", "/api/sessions/nobody/timeline")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("error").asText()).isEqualTo("unknown_session");
    }
    assertThat(get("/api/nothing-here").statusCode()).isEqualTo(404);
    assertThat(get("/apis/sessions").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRejectAMalformedTimeWith400() throws Exception {
    HttpResponse<String> response = get("/api/sessions/s1/timeline?from=yesterday");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("from");
  }

  @Test
  void shouldRetryThenAnswer503WhileTheStoresAreNotQueryable() throws Exception {
    queryable = false;
    HttpResponse<String> response = get("/api/sessions/s1");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(json(response).get("error").asText()).isEqualTo("unavailable");
    assertThat(localCalls.get()).isEqualTo(3); // first try + 2 retries
  }
}
