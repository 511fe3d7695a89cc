package io.ferstream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ferstream.ingest.testing.Cli;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video served over HTTP on the loopback interface, read as a network stream. */
class UrlCommandTest {

  @TempDir Path dir;

  @Test
  void shouldIngestAVideoServedOverHttp() throws Exception {
    TestVideo video = new TestVideo(640, 360, 10, 0, 10, TestFaces.detectable(2, 80));
    byte[] bytes = Files.readAllBytes(video.record(dir.resolve("clip.mp4")));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/clip.mp4", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4";
      Cli.Result r = Cli.run("url", url, "--fps", "0", "--session", "web", "--dry-run", "--no-progress");
      assertThat(r.exitCode()).as(r.err()).isZero();
      // A file over HTTP has a length: not live, every frame read.
      assertThat(r.out()).contains("frames decoded         10", "sessions               web");
      Cli.Result missing = Cli.run("url", url.replace("clip", "gone"), "--dry-run", "--no-progress");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err()).contains("cannot open stream").contains("404");
    } finally {
      server.stop(0);
    }
  }
}
