package io.ferstream.replay.cli;

import io.ferstream.replay.config.ReplayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The consumers a replay reads with: assigned partitions, no group, nothing committed, committed records only. */
final class KafkaReading {

  private KafkaReading() {}

  static KafkaConsumer<byte[], byte[]> consumer(ReplayConfig config, String purpose) {
    Map<String, Object> settings = new HashMap<>();
    // Pass through any consumer setting given in the configuration (security, timeouts...).
    config.originals().forEach((k, v) -> {
      if (ConsumerConfig.configNames().contains(k)) {
        settings.put(k, v);
      }
    });
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ferstream-replay-" + purpose + "-"
        + UUID.randomUUID().toString().substring(0, 8));
    return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
