package io.ferstream.common.streams;

import io.ferstream.common.config.FerStreamConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The part of a FerStream Streams application's Kafka properties that every application builds the same way: the
 * keys the user gave that are neither FerStream keys nor the application's own (so any Streams, consumer or producer
 * setting passes through), then the application id, bootstrap servers, processing guarantee and the registry URL.
 */
public final class StreamsProperties {

  private StreamsProperties() {}

  /**
   * @param originals the application config's original values
   * @param ownKeys   the application's own keys (not passed to Kafka)
   */
  public static Properties base(Map<String, Object> originals, Set<String> ownKeys, String applicationId,
                                String bootstrapServers, String processingGuarantee, String schemaRegistryUrl) {
    Properties props = new Properties();
    Set<String> ferStreamKeys = FerStreamConfig.baseConfigDef().names();
    for (Map.Entry<String, Object> e : originals.entrySet()) {
      if (e.getValue() != null && !ferStreamKeys.contains(e.getKey()) && !ownKeys.contains(e.getKey())) {
        props.put(e.getKey(), e.getValue());
      }
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    // The serdes read the registry URL from the Streams configuration as well.
    props.put(FerStreamConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return props;
  }

  /**
   * Settings for an application's own plain clients (consumers, admin): bootstrap servers plus every given key the
   * client knows (security settings, timeouts, ...).
   */
  public static Map<String, Object> clientSettings(Map<String, Object> originals, Set<String> clientKeys,
                                                   String bootstrapServers) {
    Map<String, Object> settings = new HashMap<>();
    originals.forEach((k, v) -> {
      if (v != null && clientKeys.contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return settings;
  }
}
