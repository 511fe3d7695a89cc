package io.ferstream.serde.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP basic-auth credentials for the registry, sent preemptively on every request (the registry answers
 * 401 rather than challenging, as Confluent's clients expect).
 */
public final class BasicAuthCredentials {

  private final String username;
  private final String password;

  public BasicAuthCredentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
  }

  /**
   * Parses Confluent's {@code user:pass} form (also a URL's user-info part). The password may itself
   * contain ':' (only the first one separates).
   */
  public static BasicAuthCredentials parse(String userInfo) {
    if (userInfo == null || userInfo.isEmpty()) {
      throw new IllegalArgumentException("Basic auth user info is empty; expected 'user:password'");
    }
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? new BasicAuthCredentials(userInfo, "")
        : new BasicAuthCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
  }

  public String username() {
    return username;
  }

  /** The value of the {@code Authorization} header. */
  public String headerValue() {
    String token = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    // Never print the password: these objects end up in logs through configs.
    return "BasicAuthCredentials[" + username + ":***]";
  }
}
