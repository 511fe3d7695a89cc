package io.ferstream.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.serde.testing.DeadPorts;
import io.ferstream.serde.testing.ScriptedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryRestServiceTest {

  private final ScriptedRegistry registry = ScriptedRegistry.start();
  private final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryRestService.Builder service(String... urls) {
    return RegistryRestService.builder()
        .urls(List.of(urls))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250)))
        .sleeper(waits::add);
  }

  @Test
  void shouldSendConfluentMediaTypes() {
    registry.reply(200, "{\"id\":1}");

    service(registry.url()).build().post("/subjects/a/versions", Map.of("schema", "\"string\""));

    ScriptedRegistry.Request request = registry.requests().get(0);
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
    assertThat(request.header("Authorization")).isNull();
  }

  @Test
  void shouldRetryServerErrorsWithExponentialBackoff() {
    registry.reply(500, "{\"error_code\":50001,\"message\":\"store error\"}")
        .reply(503, "busy")
        .reply(502, "")
        .reply(200, "[\"s\"]");

    assertThat(service(registry.url()).build().get("/subjects").get(0).asText()).isEqualTo("s");

    assertThat(registry.requests()).hasSize(4);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
  }

  @Test
  void shouldGiveUpWithTheServerErrorAfterMaxRetries() {
    registry.otherwise(500, "{\"error_code\":50002,\"message\":\"operation timed out\"}");

    assertThatThrownBy(() -> service(registry.url()).build().get("/subjects"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.errorCode()).isEqualTo(50002);
          assertThat(e.isRetriable()).isTrue();
          assertThat(e).hasMessageContaining("operation timed out");
        });
    assertThat(registry.requests()).hasSize(4);
  }

  @Test
  void shouldNotRetryClientErrors() {
    registry.reply(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");

    assertThatThrownBy(() -> service(registry.url()).build().get("/subjects/x/versions/latest"))
        .isInstanceOf(SubjectNotFoundException.class)
        .hasMessageContaining("Subject 'x' not found.")
        .hasMessageContaining("HTTP 404, error code 40401");
    assertThat(registry.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  static Stream<Arguments> errorCodes() {
    return Stream.of(
        Arguments.of(404, 40401, SubjectNotFoundException.class),
        Arguments.of(404, 40402, VersionNotFoundException.class),
        Arguments.of(404, 40403, SchemaNotFoundException.class),
        Arguments.of(409, 409, IncompatibleSchemaException.class),
        Arguments.of(422, 42201, InvalidSchemaException.class),
        Arguments.of(401, 401, SchemaRegistryException.class));
  }

  @ParameterizedTest
  @MethodSource("errorCodes")
  void shouldMapConfluentErrorCodesToTypedExceptions(int status, int code, Class<?> type) {
    registry.reply(status, "{\"error_code\":" + code + ",\"message\":\"nope\"}");

    assertThatThrownBy(() -> service(registry.url()).build().get("/x"))
        .isExactlyInstanceOf(type)
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(status);
          assertThat(e.errorCode()).isEqualTo(code);
          assertThat(e.isRetriable()).isFalse();
        });
  }

  @Test
  void shouldKeepTheBodyOfNonJsonErrors() {
    registry.reply(403, "<html>Forbidden by proxy</html>");

    assertThatThrownBy(() -> service(registry.url()).build().get("/subjects"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(403);
          assertThat(e).hasMessageContaining("Forbidden by proxy");
        });
  }

  @Test
  void shouldThrowUnreachableAfterRetryingADeadRegistry() {
    String dead = DeadPorts.deadUrl();

    assertThatThrownBy(() -> service(dead).build().get("/subjects"))
        .isInstanceOf(RegistryUnreachableException.class)
        .hasMessageContaining(dead)
        .hasMessageContaining("after 4 attempt(s)");
    assertThat(waits).hasSize(3);
  }

  @Test
  void shouldTryTheNextUrlWhenOneIsDown() {
    registry.reply(200, "[]").reply(200, "[]");
    RegistryRestService service = service(DeadPorts.deadUrl(), registry.url()).build();

    service.get("/subjects");
    service.get("/subjects");

    assertThat(registry.requests()).hasSize(2);
    assertThat(waits).as("failover within one attempt, no backoff").isEmpty();
  }

  @Test
  void shouldTreatATimeoutAsTransient() {
    registry.replyAfter(2000, 200, "[]").reply(200, "[\"late\"]");
    RegistryRestService service = service(registry.url()).requestTimeout(Duration.ofMillis(300)).build();

    assertThat(service.get("/subjects").get(0).asText()).isEqualTo("late");
    assertThat(waits).hasSize(1);
  }

  @Test
  void shouldSendBasicAuthCredentials() {
    registry.reply(200, "[]");

    service(registry.url()).basicAuth("fer", "s3:cret").build().get("/subjects");

    assertThat(registry.requests().get(0).header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("fer:s3:cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldTakeCredentialsFromUrlUserInfoAndStripThem() {
    String url = registry.url().replace("http://", "http://fer:pa%40ss@");

    assertThat(RegistryRestService.Builder.credentialsFromUrls(List.of(url)))
        .hasValueSatisfying(c -> assertThat(c.headerValue()).isEqualTo(
            "Basic " + Base64.getEncoder().encodeToString("fer:pa@ss".getBytes(StandardCharsets.UTF_8))));
    assertThat(service(url + "/").build().urls()).extracting(Object::toString).containsExactly(registry.url());
  }

  @Test
  void shouldEncodeSubjectsInPaths() {
    assertThat(RegistryRestService.encode("face crops/value+x")).isEqualTo("face%20crops%2Fvalue%2Bx");
  }

  @Test
  void shouldRejectNonHttpUrls() {
    assertThatThrownBy(() -> RegistryRestService.builder().url("ftp://host"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
