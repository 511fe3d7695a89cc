package io.ferstream.classifier.config;

import io.ferstream.common.config.FerStreamConfig;
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
    Map<String, Object> settings = new java.util.HashMap<>();
    config.originals().forEach((k, v) -> {
      if (v != null && clientKeys.contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  public static Properties from(ClassifierConfig config, DeadLetterCounter deadLetters) {
    Properties props = new Properties();
    Set<String> ferStreamKeys = FerStreamConfig.baseConfigDef().names();
    for (Map.Entry<String, Object> e : config.originals().entrySet()) {
      if (e.getValue() != null && !ferStreamKeys.contains(e.getKey())
          && !ClassifierConfig.CLASSIFIER_KEYS.contains(e.getKey())) {
        props.put(e.getKey(), e.getValue());
      }
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    // The serdes read the registry URL from the Streams configuration as well.
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    DeadLetterSettings.apply(props, config.deadLetterTopic(), deadLetters);
    // Wall-clock punctuation is only checked between polls: an idle poll must not outlast the punctuation interval.
    props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, Long.toString(config.punctuateInterval().toMillis()));
    return props;
  }
}
