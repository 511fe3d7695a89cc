package io.ferstream.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the registry client: JSON over {@code java.net.http}, one or more registry URLs tried in
 * turn, preemptive basic auth, and retries with exponential backoff for failures that may pass (no answer,
 * timeouts, 5xx). A 4xx answer is final and is thrown at once as a typed {@link SchemaRegistryException}.
 *
 * <p>No caching here: that is {@link CachedSchemaRegistryClient}'s job.
 */
public final class RegistryRestService {

  /** Confluent's versioned media type, sent as Content-Type and preferred in Accept. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRestService.class);

  /** Waits between attempts; replaceable so tests can record the backoff schedule instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final List<URI> urls;
  private final Optional<BasicAuthCredentials> credentials;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final Sleeper sleeper;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  /** Index of the URL that answered last: start there, so a dead first URL costs one failure, not one per call. */
  private final AtomicInteger preferred = new AtomicInteger();

  private RegistryRestService(Builder b) {
    if (b.urls.isEmpty()) {
      throw new IllegalArgumentException("At least one Schema Registry URL is required");
    }
    this.urls = List.copyOf(b.urls);
    this.credentials = Optional.ofNullable(b.credentials);
    this.retryPolicy = b.retryPolicy;
    this.requestTimeout = b.requestTimeout;
    this.sleeper = b.sleeper;
    this.http = HttpClient.newBuilder()
        .connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The registry URLs, without user info, in the order they are tried. */
  public List<URI> urls() {
    return urls;
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  public JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** Encodes one path segment (a subject can hold '/', ' ', ':' ...); URLEncoder's '+' means space only in queries. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, Object body) {
    String payload = toJson(body);
    Exception lastFailure = null;
    for (int attempt = 0; attempt <= retryPolicy.maxRetries(); attempt++) {
      if (attempt > 0) {
        Duration wait = retryPolicy.backoff(attempt - 1);
        LOG.warn("Schema Registry {} {} failed ({}); retry {}/{} in {} ms", method, path,
            lastFailure, attempt, retryPolicy.maxRetries(), wait.toMillis());
        pause(wait, method, path, lastFailure);
      }
      int start = preferred.get();
      for (int i = 0; i < urls.size(); i++) {
        int index = (start + i) % urls.size();
        URI uri = URI.create(urls.get(index) + path);
        try {
          HttpResponse<String> response = http.send(request(method, uri, payload), HttpResponse.BodyHandlers.ofString());
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            preferred.set(index);
            return parse(response.body(), method, uri);
          }
          SchemaRegistryException error =
              RegistryErrors.fromResponse(status, response.body(), method + " " + uri, json);
          if (!error.isRetriable()) {
            throw error;
          }
          lastFailure = error;
        } catch (IOException e) {
          // ConnectException, HttpTimeoutException, a reset connection: nothing was heard from this URL.
          lastFailure = e;
          LOG.debug("Schema Registry {} {} did not answer: {}", method, uri, e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryUnreachableException("Interrupted while calling Schema Registry " + method + " " + uri, e);
        }
      }
    }
    if (lastFailure instanceof SchemaRegistryException serverError) {
      throw serverError;
    }
    throw new RegistryUnreachableException("Schema Registry unreachable at " + urls + " for " + method + " " + path
        + " after " + (retryPolicy.maxRetries() + 1) + " attempt(s): " + lastFailure, lastFailure);
  }

  private HttpRequest request(String method, URI uri, String payload) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Accept", ACCEPT)
        .method(method, payload == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    if (payload != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    credentials.ifPresent(c -> request.header("Authorization", c.headerValue()));
    return request.build();
  }

  private JsonNode parse(String body, String method, URI uri) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new SchemaRegistryException("Schema Registry answered " + method + " " + uri
          + " with a body that is not JSON: " + abbreviate(body), 200, 50005, e);
    }
  }

  private String toJson(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot encode request body as JSON: " + body, e);
    }
  }

  private void pause(Duration wait, String method, String path, Exception lastFailure) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RegistryUnreachableException interrupted = new RegistryUnreachableException(
          "Interrupted while waiting to retry Schema Registry " + method + " " + path, e);
      interrupted.addSuppressed(lastFailure);
      throw interrupted;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Builds a {@link RegistryRestService}; only the URLs are required. */
  public static final class Builder {
    private final List<URI> urls = new ArrayList<>();
    private BasicAuthCredentials credentials;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration connectTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder() {
    }

    /**
     * Adds registry URLs, tried in this order. User info in a URL ({@code http://user:pass@host}) is stripped
     * here; use {@link #credentialsFromUrls()} to send it as basic auth.
     */
    public Builder urls(List<String> values) {
      for (String value : values) {
        urls.add(withoutUserInfo(parseUrl(value)));
      }
      return this;
    }

    public Builder url(String value) {
      return urls(List.of(value));
    }

    public Builder credentials(BasicAuthCredentials value) {
      this.credentials = value;
      return this;
    }

    public Builder basicAuth(String username, String password) {
      return credentials(new BasicAuthCredentials(username, password));
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** Longest wait for a whole answer (Confluent's {@code http.read.timeout.ms}). */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public RegistryRestService build() {
      return new RegistryRestService(this);
    }

    /**
     * The basic-auth credentials carried in the first URL that has user info (Confluent's
     * {@code basic.auth.credentials.source=URL}), if any.
     */
    public static Optional<BasicAuthCredentials> credentialsFromUrls(List<String> values) {
      return values.stream()
          .map(Builder::parseUrl)
          .map(URI::getRawUserInfo)
          .filter(Objects::nonNull)
          .findFirst()
          .map(info -> BasicAuthCredentials.parse(java.net.URLDecoder.decode(info, StandardCharsets.UTF_8)));
    }

    private static URI parseUrl(String value) {
      URI uri;
      try {
        uri = URI.create(value.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid Schema Registry URL '" + value + "'", e);
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("Schema Registry URL must be http or https: '" + value + "'");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("Schema Registry URL has no host: '" + value + "'");
      }
      return uri;
    }

    private static URI withoutUserInfo(URI uri) {
      String text = uri.toString();
      if (uri.getRawUserInfo() != null) {
        text = text.replaceFirst("//" + java.util.regex.Pattern.quote(uri.getRawUserInfo()) + "@", "//");
      }
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      return URI.create(text);
    }
  }
}
