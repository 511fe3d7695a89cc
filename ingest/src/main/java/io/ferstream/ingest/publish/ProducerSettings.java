package io.ferstream.ingest.publish;

import io.ferstream.ingest.config.IngestConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer configuration of ingest: idempotent ({@code acks=all}, no duplicates or reordering on retries),
 * compressed and batched, plus every producer key the user set. Other keys are left out, so that Kafka does not
 * warn about each FerStream key; the serde keys reach the serializer through {@code Topics}.
 */
public final class ProducerSettings {

  private static final Logger log = LoggerFactory.getLogger(ProducerSettings.class);

  private ProducerSettings() {
  }

  /**
   * @param config the resolved ingest configuration
   * @param resolved every effective key (flags, env, file, defaults), for pass-through
   */
  public static Map<String, Object> producer(IngestConfig config, Map<String, ?> resolved) {
    Set<String> producerKeys = ProducerConfig.configNames();
    Map<String, Object> props = new HashMap<>();
    resolved.forEach((k, v) -> {
      if (v != null && producerKeys.contains(k)) {
        props.put(k, v);
      }
    });
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.getString(IngestConfig.COMPRESSION_TYPE));
    props.put(ProducerConfig.LINGER_MS_CONFIG, config.getLong(IngestConfig.LINGER_MS));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, config.getInt(IngestConfig.BATCH_SIZE));
    Object acks = props.get(ProducerConfig.ACKS_CONFIG);
    if (acks != null && !"all".equals(String.valueOf(acks)) && !"-1".equals(String.valueOf(acks))) {
      log.warn("acks={} ignored: the idempotent producer needs acks=all", acks);
    }
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ferstream-ingest");
    // Fail within 30 s, not Kafka's 60, when the cluster is unreachable: it is not coming back mid-run.
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    return props;
  }

  /** Admin client settings for the pre-flight check: the same cluster and security settings. */
  public static Map<String, Object> admin(IngestConfig config, Map<String, ?> resolved) {
    Set<String> adminKeys = AdminClientConfig.configNames();
    Map<String, Object> props = new HashMap<>();
    resolved.forEach((k, v) -> {
      if (v != null && adminKeys.contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
        props.put(k, v);
      }
    });
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ferstream-ingest-check");
    return props;
  }
}
