package io.ferstream.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferstream.testing.TestDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's WebSocket client: starts
 * {@code chromium --headless=new --remote-debugging-port=0} on a page, reads the DevTools address from its stderr,
 * attaches to the page target and sends it CDP commands (evaluate JavaScript, take a screenshot).
 */
final class HeadlessChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final List<String> log = new ArrayList<>();
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** The Chromium binary: $CHROMIUM_BIN, else chromium, chromium-browser or google-chrome on the PATH. */
  static Optional<Path> binary() {
    String configured = System.getenv("CHROMIUM_BIN");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  HeadlessChromium(Path binary, String url, int width, int height) throws Exception {
    profile = Files.createTempDirectory("ferstream-chromium-");
    process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, url)
        .redirectErrorStream(true).start();
    CompletableFuture<String> devtools = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (log) {
            log.add(line);
          }
          Matcher m = DEVTOOLS.matcher(line);
          if (m.find()) {
            devtools.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // The browser exited.
      }
      devtools.completeExceptionally(new IllegalStateException("chromium exited without a DevTools address"));
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      URI browser = URI.create(devtools.get(60, TimeUnit.SECONDS));
      HttpClient http = HttpClient.newHttpClient();
      String pageSocket = pageTarget(http, browser);
      socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener())
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot drive chromium: " + e + "\n" + output(), e);
    }
  }

  /** The WebSocket address of the page the browser was opened on (the target list may lag its start). */
  private static String pageTarget(HttpClient http, URI browser) {
    URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
    AtomicReference<String> page = new AtomicReference<>();
    Awaitility.await("a page target of chromium").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().until(() -> {
          JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
              HttpResponse.BodyHandlers.ofString()).body());
          for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
              page.set(t.path("webSocketDebuggerUrl").asText());
            }
          }
          return page.get() != null;
        });
    return page.get();
  }

  /** Sends a CDP command to the page and waits for its result. */
  JsonNode send(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode response = answer.get(30, TimeUnit.SECONDS);
    if (response.has("error")) {
      throw new IllegalStateException(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  /** Evaluates a JavaScript expression in the page and returns its value (JSON). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Writes a PNG screenshot of the page, full height. */
  Path screenshot(Path file) throws Exception {
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    return file;
  }

  /** What the browser printed (for failure messages). */
  String output() {
    synchronized (log) {
      return String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
    }
  }

  @Override
  public void close() {
    // Chromium's helper processes (renderer, network service, crashpad) outlive the main one unless stopped too,
    // and keep writing into the profile while it is being deleted.
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle helper : helpers) {
        helper.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      helpers.forEach(ProcessHandle::destroyForcibly);
    }
    // best effort: a temporary profile left behind is harmless, a test failed by its deletion is not
    TestDirs.deleteRecursively(profile);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          }
        } catch (IOException e) {
          // Not JSON: CDP sends only JSON, so nothing to do with it.
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
