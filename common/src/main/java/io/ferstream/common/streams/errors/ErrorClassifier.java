package io.ferstream.common.streams.errors;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/** Tells a record's own fault (dead-letter it) from a transient fault of its surroundings (fail, retry later). */
public final class ErrorClassifier {

  /** ferstream-serde's "the registry did not answer" failure: the record itself may be fine. */
  static final String REGISTRY_UNAVAILABLE = "io.ferstream.serde.RegistryUnavailableException";

  private ErrorClassifier() {}

  /**
   * True when {@code error} or a cause says the environment failed, not the record: the Schema Registry was
   * unavailable, a network call failed or timed out, or Kafka reported a retriable error.
   */
  public static boolean isTransient(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t.getClass().getName().equals(REGISTRY_UNAVAILABLE) || t instanceof RetriableException
          || t instanceof SocketException || t instanceof SocketTimeoutException
          || t instanceof UnknownHostException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
