package io.ferstream.classifier.config;

import io.ferstream.common.streams.StreamsProperties;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the classifier: every key the user gave that is not a FerStream key (so any
 * Streams, consumer or producer setting passes through), then the keys the classifier decides: application id,
 * bootstrap servers, processing guarantee, the three exception handlers and the dead-letter topic.
 */
public final class StreamsSettings {

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
    return props;
  }
}
