package io.ferstream.cli;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.topics.TopicCreator;
import io.ferstream.common.topics.TopicSpecs;
import io.ferstream.kafka.EmbeddedKafkaBroker;
import io.ferstream.registry.SchemaRegistryServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Kafka (a real single-node KRaft broker) plus the Schema Registry plus every FerStream topic, in
 * this JVM, with the broker's data in a directory that survives restarts.
 */
public final class EmbeddedStack implements ServiceRunner.Service {

  private final FerStreamConfig config;
  private final Path dataDir;
  private EmbeddedKafkaBroker broker;
  private SchemaRegistryServer registry;
  private List<TopicCreator.Outcome> topics = List.of();

  public EmbeddedStack(FerStreamConfig config) {
    this.config = config;
    this.dataDir = Path.of(config.getString(FerStreamConfig.STACK_DATA_DIR)).toAbsolutePath();
  }

  @Override
  public void start() throws Exception {
    broker = EmbeddedKafkaBroker.builder()
        .dataDir(dataDir.resolve("kafka"))
        .port(config.getInt(FerStreamConfig.STACK_KAFKA_PORT))
        // Topics are created explicitly with their configs; a typo'd topic name should fail, not appear.
        .brokerConfig("auto.create.topics.enable", "false")
        .build();
    broker.start();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      topics = new TopicCreator(admin, 30_000).createMissing(TopicSpecs.from(config).all());
    }
    registry = SchemaRegistryServer.builder()
        .port(config.getInt(FerStreamConfig.STACK_REGISTRY_PORT))
        .kafkaStore(broker.bootstrapServers())
        .build();
    registry.start();
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  public Path dataDir() {
    return dataDir;
  }

  public List<TopicCreator.Outcome> topics() {
    return topics;
  }

  @Override
  public void close() throws Exception {
    // Registry first: it is a client of the broker.
    Exception failure = null;
    if (registry != null) {
      try {
        registry.close();
      } catch (Exception e) {
        failure = e;
      }
    }
    if (broker != null) {
      broker.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
