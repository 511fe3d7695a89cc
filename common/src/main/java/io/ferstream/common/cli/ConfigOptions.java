package io.ferstream.common.cli;

import io.ferstream.common.config.ConfigSources;
import io.ferstream.common.config.FerStreamConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Option;

/**
 * The configuration flags every command shares (a picocli mixin). Precedence, highest first:
 * flags, then {@code FERSTREAM_*} environment variables, then the {@code --config} file, then defaults.
 */
public class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with FerStream, Kafka client and Streams settings (also: env FERSTREAM_CONFIG).")
  Path configFile;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
      description = "Any configuration key, e.g. -D topic.partitions=12. Repeatable. Wins over env and file.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka brokers (key bootstrap.servers, env FERSTREAM_BOOTSTRAP_SERVERS; default localhost:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Schema Registry URL (key schema.registry.url, env FERSTREAM_SCHEMA_REGISTRY_URL; default http://localhost:8081).")
  String schemaRegistryUrl;

  private Map<String, String> environment = System.getenv();

  /** For tests: resolve against this environment instead of the process's. */
  public ConfigOptions withEnvironment(Map<String, String> env) {
    this.environment = env;
    return this;
  }

  /** Flags given on this command line, as configuration keys. */
  public Map<String, Object> flags() {
    Map<String, Object> flags = new LinkedHashMap<>(overrides);
    if (bootstrapServers != null) {
      flags.put(FerStreamConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      flags.put(FerStreamConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    }
    return flags;
  }

  /** Sets a flag-level value from a command's own option (e.g. --port), if given. */
  public ConfigOptions put(String key, Object value) {
    if (value != null) {
      overrides.put(key, String.valueOf(value));
    }
    return this;
  }

  /** All effective properties for the keys of {@code definition}, plus any pass-through keys. */
  public Map<String, Object> resolve(ConfigDef definition) {
    return ConfigSources.resolve(definition, configFile, environment, flags());
  }

  /** Builds a module's config class from the effective properties. */
  public <C> C build(ConfigDef definition, Function<Map<String, Object>, C> constructor) {
    return constructor.apply(resolve(definition));
  }

  public FerStreamConfig ferStreamConfig() {
    return build(FerStreamConfig.baseConfigDef(), FerStreamConfig::new);
  }
}
