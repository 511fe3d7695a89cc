package io.ferstream.aggregator.api;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the REST API finds its answers: this instance's stores, and which instance owns a session. Implemented over
 * Kafka Streams by {@link StreamsStoreAccess}; tests implement it over a TopologyTestDriver's stores.
 */
public interface StoreAccess {

  /** The local stores, or {@link NotQueryableException} while they are not queryable (rebalancing, restoring). */
  LocalStats local() throws NotQueryableException;

  /**
   * The local stores of the partition that holds {@code sessionId}: unlike {@link #local()}, a session whose task is
   * not (yet) running here is reported as not queryable instead of unknown.
   */
  default LocalStats localFor(String sessionId) throws NotQueryableException {
    return local();
  }

  /**
   * The instance whose active task holds {@code sessionId}, or {@link NotQueryableException} while that is not
   * known (no metadata yet, rebalancing).
   */
  HostInfo owner(String sessionId) throws NotQueryableException;

  /** The other instances of this application that hold any of the stores. */
  Set<HostInfo> peers();

  /** This instance's {@code application.server}. */
  HostInfo self();

  /** A short state line for /api/health: Kafka Streams' state and the dropped-record count. */
  default Optional<String> state() {
    return Optional.empty();
  }

  /** Records dropped by the windows (too late, past the grace period) on this instance since it started. */
  default double droppedRecords() {
    return 0;
  }

  /** Records sent to the dead-letter topic (undecodable input, ...) by this instance since it started. */
  default long deadLetters() {
    return 0;
  }

  /** The stores (or the owner of a key) cannot be queried right now; worth retrying. */
  final class NotQueryableException extends Exception {
    public NotQueryableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
