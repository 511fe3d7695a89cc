package io.ferstream.classifier.config;

import io.ferstream.common.streams.StreamsProperties;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the classifier: every key the user gave that is not a FerStream key (so any
 * Streams, consumer or producer setting passes through), then the keys the classifier decides: application id,
 * bootstrap servers, processing guarantee, the three exception handlers and the dead-letter topic; and defaults for
 * two settings the micro-batch needs (poll.ms, the producer's retry backoff) unless given.
 */
public final class StreamsSettings {

  /** The Streams producer's first retry backoff unless the user sets {@code producer.retry.backoff.ms}. */
  static final long PRODUCER_RETRY_BACKOFF_MS = 5;

  private StreamsSettings() {}

  /**
   * Settings for the classifier's own clients (the release follower's consumer, the admin client): bootstrap
   * servers plus every given key the client knows (security settings, timeouts, ...).
   */
  public static Map<String, Object> clientSettings(ClassifierConfig config, Set<String> clientKeys) {
    return StreamsProperties.clientSettings(config.originals(), clientKeys, config.bootstrapServers());
  }

  public static Properties from(ClassifierConfig config, DeadLetterCounter deadLetters) {
    Properties props = StreamsProperties.base(config.originals(), ClassifierConfig.CLASSIFIER_KEYS,
        config.applicationId(), config.bootstrapServers(), config.processingGuarantee(), config.schemaRegistryUrl());
    DeadLetterSettings.apply(props, config.deadLetterTopic(), deadLetters);
    // Wall-clock punctuation is only checked between polls: an idle poll must not outlast the punctuation interval.
    props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, Long.toString(config.punctuateInterval().toMillis()));
    // With a commit per batch, a transaction's offset commit often reaches the group coordinator before the previous
    // transaction's markers are written there; it is answered CONCURRENT_TRANSACTIONS (3 % of commits at one crop
    // per batch) and retried after retry.backoff.ms, 100 ms by default, while the stream thread waits in the commit:
    // that wait was the p99 of small batches (JFR, 2026-11-30). Markers take milliseconds, so retry sooner; repeated
    // failures still back off exponentially up to retry.backoff.max.ms.
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
        Long.toString(PRODUCER_RETRY_BACKOFF_MS));
    return props;
  }
}
