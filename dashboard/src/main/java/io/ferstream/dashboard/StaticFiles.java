package io.ferstream.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the dashboard's page and assets from the classpath (folder {@code dashboard/} in the jar): no CDN, no
 * files on disk, so the page works offline and ships inside the one jar. {@code /} serves {@code index.html}.
 * Only plain names of files that exist are served; anything else (other paths, {@code ..}) is a 404.
 */
public final class StaticFiles implements HttpHandler {

  static final String ROOT = "dashboard/";

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json");

  private final String mountPath;
  private final ClassLoader loader;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** @param mountPath the context path it is mounted at, e.g. {@code /} or {@code /dashboard/} */
  public StaticFiles(String mountPath) {
    this.mountPath = mountPath.endsWith("/") ? mountPath : mountPath + "/";
    this.loader = StaticFiles.class.getClassLoader();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String name = fileName(exchange.getRequestURI().getPath());
      byte[] body = name == null ? null : load(name);
      if (body == null) {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        byte[] notFound = "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, "HEAD".equals(method) ? -1 : notFound.length);
        if (!"HEAD".equals(method)) {
          exchange.getResponseBody().write(notFound);
        }
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", contentType(name));
      // The assets change only with the jar; a reload still revalidates, and the page is tiny.
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.sendResponseHeaders(200, "HEAD".equals(method) ? -1 : body.length);
      if (!"HEAD".equals(method)) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The resource name for a request path, or null when it is not a plain file name under the mount path. */
  String fileName(String path) {
    if (path == null || !(path + "/").startsWith(mountPath)) {
      return null;
    }
    String rest = path.length() >= mountPath.length() ? path.substring(mountPath.length()) : "";
    if (rest.isEmpty()) {
      return "index.html";
    }
    return rest.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") ? rest : null;
  }

  private byte[] load(String name) throws IOException {
    byte[] cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      cache.put(name, bytes);
      return bytes;
    }
  }

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    return type == null ? "application/octet-stream" : type;
  }
}
