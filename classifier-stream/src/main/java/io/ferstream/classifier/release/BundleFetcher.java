package io.ferstream.classifier.release;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Gets a release's bundle bytes: inline, or from a {@code file:}, {@code http:} or {@code https:} URI. */
public final class BundleFetcher {

  /** Largest bundle accepted: far above any FER2013 ensemble, low enough not to exhaust the heap. */
  public static final long MAX_BUNDLE_BYTES = 1L << 30;

  private final Duration timeout;

  public BundleFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  public byte[] fetch(ReleaseCandidate candidate) throws ReleaseRejectedException {
    if (candidate.inlineBundle() != null) {
      return candidate.inlineBundle();
    }
    URI uri;
    try {
      uri = URI.create(candidate.artifactUri());
    } catch (IllegalArgumentException e) {
      throw new ReleaseRejectedException("artifactUri " + candidate.artifactUri() + " is not a URI", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    try {
      return switch (scheme) {
        case "file" -> readFile(Path.of(uri));
        case "http", "https" -> download(uri);
        default -> throw new ReleaseRejectedException("artifactUri scheme '" + scheme + "' is not supported "
            + "(file, http, https)");
      };
    } catch (IOException e) {
      throw new ReleaseRejectedException("cannot fetch " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReleaseRejectedException("interrupted fetching " + uri, e);
    }
  }

  private static byte[] readFile(Path file) throws IOException, ReleaseRejectedException {
    long size = Files.size(file);
    if (size > MAX_BUNDLE_BYTES) {
      throw new ReleaseRejectedException(file + " is " + size + " bytes, over the " + MAX_BUNDLE_BYTES + " limit");
    }
    return Files.readAllBytes(file);
  }

  private byte[] download(URI uri) throws IOException, InterruptedException, ReleaseRejectedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new ReleaseRejectedException("GET " + uri + " answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BUNDLE_BYTES + 1));
      if (bytes.length > MAX_BUNDLE_BYTES) {
        throw new ReleaseRejectedException(uri + " is over the " + MAX_BUNDLE_BYTES + " byte limit");
      }
      return bytes;
    }
  }
}
