package io.ferstream.serde;

import io.ferstream.serde.client.SchemaMetadata;
import io.ferstream.serde.client.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The latest version of each subject, for {@code use.latest.version}: asked once, then kept for
 * {@code latest.cache.ttl.sec} (for ever by default, as Confluent does) so producing a record costs no
 * registry call.
 */
final class LatestVersionCache {

  /** A subject's latest version with its schema parsed once. */
  record Latest(SchemaMetadata metadata, Schema schema, Instant fetched) {
  }

  private final SchemaRegistryClient client;
  private final Optional<Duration> ttl;
  private final Clock clock;
  private final Map<String, Latest> bySubject = new ConcurrentHashMap<>();

  LatestVersionCache(SchemaRegistryClient client, Optional<Duration> ttl, Clock clock) {
    this.client = client;
    this.ttl = ttl;
    this.clock = clock;
  }

  Latest get(String subject) {
    Latest cached = bySubject.get(subject);
    Instant now = clock.instant();
    if (cached != null && ttl.map(t -> cached.fetched().plus(t).isAfter(now)).orElse(true)) {
      return cached;
    }
    SchemaMetadata metadata = client.getLatestSchemaMetadata(subject);
    Latest latest = new Latest(metadata, metadata.avroSchema(), now);
    bySubject.put(subject, latest);
    return latest;
  }
}
