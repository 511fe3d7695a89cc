package io.ferstream.trainer.release;

import io.ferstream.common.config.FerStreamConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client settings for the release tools, from FerStream's configuration: the bootstrap servers plus any
 * setting the client knows (security, timeouts...) given in the configuration. Only known keys are passed on, so
 * the clients do not warn about every FerStream key.
 */
public final class ReleaseClients {

  private ReleaseClients() {}

  public static Map<String, Object> consumer(FerStreamConfig config) {
    return filtered(config, ConsumerConfig.configNames());
  }

  public static Map<String, Object> producer(FerStreamConfig config) {
    return filtered(config, ProducerConfig.configNames());
  }

  public static Map<String, Object> admin(FerStreamConfig config) {
    return filtered(config, AdminClientConfig.configNames());
  }

  private static Map<String, Object> filtered(FerStreamConfig config, Set<String> known) {
    Map<String, Object> settings = new HashMap<>();
    config.originals().forEach((k, v) -> {
      if (known.contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(FerStreamConfig.BOOTSTRAP_SERVERS, config.bootstrapServers());
    return settings;
  }
}
