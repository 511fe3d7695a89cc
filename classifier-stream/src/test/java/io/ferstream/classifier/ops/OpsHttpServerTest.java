package io.ferstream.classifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswerHealthReadinessAndMetrics() throws Exception {
    AtomicBoolean ready = new AtomicBoolean();
    OpsHttpServer.Probe probe = new OpsHttpServer.Probe() {
      @Override
      public OpsHttpServer.Status health() {
        return new OpsHttpServer.Status(true, "alive");
      }

      @Override
      public OpsHttpServer.Status readiness() {
        return new OpsHttpServer.Status(ready.get(), "ready=" + ready.get());
      }
    };
    try (OpsHttpServer server = new OpsHttpServer("localhost", 0, probe, () -> "m_total 1\n")) {
      assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/ready").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(server.port(), "/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server.port(), "/metrics");
      assertThat(metrics.body()).isEqualTo("m_total 1\n");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("0.0.4"));
    }
  }
}
