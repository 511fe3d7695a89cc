package io.ferstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

  private HttpServer server;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    new Dashboard(DashboardConfig.of(java.util.Map.of()), (topic, bytes) -> null).mount(server);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldServeThePageAndItsAssetsFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"app.js\"></script>", "href=\"app.css\"", "id=\"session-list\"");

    HttpResponse<String> js = get("/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.body()).contains("EventSource('events')", "😠", "😨", "😄", "😢", "😲", "😐");

    HttpResponse<String> css = get("/app.css");
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(get("/index.html").body()).isEqualTo(page.body());
  }

  @Test
  void shouldLoadNothingFromOutsideTheJar() throws IOException {
    // Offline: no CDN, no web font, no remote script or stylesheet in any asset.
    for (String name : List.of("index.html", "app.js", "app.css")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(StaticFiles.ROOT + name)) {
        assertThat(in).as(name).isNotNull();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).as(name).doesNotContainPattern("(src|href)=\"(https?:)?//")
            .doesNotContainPattern("url\\(\\s*['\"]?(https?:)?//")
            .doesNotContain("@import")
            .doesNotContainPattern("fetch\\(['\"]https?:");
      }
    }
  }

  @Test
  void shouldAnswer404ForAnythingButItsOwnFiles() throws Exception {
    assertThat(get("/missing.js").statusCode()).isEqualTo(404);
    assertThat(get("/..%2Fpom.xml").statusCode()).isEqualTo(404);
    assertThat(get("/io/ferstream/dashboard/Dashboard.class").statusCode()).isEqualTo(404);
    assertThat(get("/.hidden").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldMapRequestPathsToPlainFileNamesOnly() {
    StaticFiles files = new StaticFiles("/ui/");
    assertThat(files.fileName("/ui/")).isEqualTo("index.html");
    assertThat(files.fileName("/ui")).isEqualTo("index.html");
    assertThat(files.fileName("/ui/app.js")).isEqualTo("app.js");
    assertThat(files.fileName("/ui/a/b.js")).isNull();
    assertThat(files.fileName("/ui/../x")).isNull();
    assertThat(files.fileName("/other/app.js")).isNull();
  }
}
