package io.ferstream.aggregator.config;

import io.ferstream.common.streams.StreamsProperties;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterSettings;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
    Properties props = StreamsProperties.base(config.originals(), AggregatorConfig.AGGREGATOR_KEYS,
        config.applicationId(), config.bootstrapServers(), config.processingGuarantee(), config.schemaRegistryUrl());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    DeadLetterSettings.apply(props, config.deadLetterTopic(), deadLetters);
    // An explicit application.server wins (behind a proxy or NAT the advertised port may differ from the bound one).
    if (applicationServer != null) {
      props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    return props;
  }

  /** Settings for the aggregator's admin client: bootstrap servers plus every given key the client knows. */
  public static Map<String, Object> clientSettings(AggregatorConfig config, Set<String> clientKeys) {
    return StreamsProperties.clientSettings(config.originals(), clientKeys, config.bootstrapServers());
  }

}
