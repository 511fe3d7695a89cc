package io.ferstream.aggregator.config;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties of the aggregator: every key the user gave that is not a FerStream key (so any
 * Streams, consumer or producer setting passes through), then the keys the aggregator decides: application id,
 * bootstrap servers, processing guarantee, state directory, the {@code application.server} other instances
 * forward queries to, the three exception handlers and the dead-letter topic ({@code topic.emotion.events.dlq}).
 */
public final class StreamsSettings {

  private StreamsSettings() {}

  /**
   * @param applicationServer {@code host:port} of this instance's REST API (the port is only known once bound)
   */
  public static Properties from(AggregatorConfig config, String applicationServer) {
    return from(config, applicationServer, DeadLetterCounter.NONE);
  }

  /**
   * @param applicationServer {@code host:port} of this instance's REST API (the port is only known once bound)
   * @param deadLetters counts the records the exception handlers send to the dead-letter topic
   */
  public static Properties from(AggregatorConfig config, String applicationServer, DeadLetterCounter deadLetters) {
    Properties props = new Properties();
    Set<String> ferStreamKeys = FerStreamConfig.baseConfigDef().names();
    for (Map.Entry<String, Object> e : config.originals().entrySet()) {
      if (e.getValue() != null && !ferStreamKeys.contains(e.getKey())
          && !AggregatorConfig.AGGREGATOR_KEYS.contains(e.getKey())) {
        props.put(e.getKey(), e.getValue());
      }
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    // The serdes read the registry URL from the Streams configuration as well.
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    DeadLetterSettings.apply(props, config.deadLetterTopic(), deadLetters);
    // An explicit application.server wins (behind a proxy or NAT the advertised port may differ from the bound one).
    if (applicationServer != null) {
      props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    return props;
  }

  /** Settings for the aggregator's admin client: bootstrap servers plus every given key the client knows. */
  public static Map<String, Object> clientSettings(AggregatorConfig config, Set<String> clientKeys) {
    Map<String, Object> settings = new HashMap<>();
    config.originals().forEach((k, v) -> {
      if (v != null && clientKeys.contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }
}
