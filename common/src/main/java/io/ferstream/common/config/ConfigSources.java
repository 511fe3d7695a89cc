package io.ferstream.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Merges the places configuration comes from, in increasing precedence:
 *
 * <ol>
 *   <li>the defaults of the {@link ConfigDef};
 *   <li>a properties file ({@code --config FILE}, or the file named by {@code FERSTREAM_CONFIG});
 *   <li>environment variables: {@code FERSTREAM_} plus the key upper-cased with '.' and '-' as '_'
 *       ({@code bootstrap.servers} is {@code FERSTREAM_BOOTSTRAP_SERVERS});
 *   <li>command-line flags ({@code --bootstrap-servers}, or {@code -D key=value} for any key).
 * </ol>
 *
 * <p>Keys the definition does not know are passed through too, so Kafka client and Streams
 * properties ({@code linger.ms}, {@code num.stream.threads}, ...) can be set the same ways.
 */
public final class ConfigSources {

  public static final String ENV_PREFIX = "FERSTREAM_";
  public static final String CONFIG_FILE_ENV = "FERSTREAM_CONFIG";

  private ConfigSources() {}

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Resolves the effective properties.
   *
   * @param definition the keys to look up in the environment
   * @param configFile a properties file, or null for the one named by {@code FERSTREAM_CONFIG}, if any
   * @param env the environment (System.getenv() in programs, a map in tests)
   * @param flags values given on the command line, which win over everything
   */
  public static Map<String, Object> resolve(ConfigDef definition, Path configFile, Map<String, String> env,
      Map<String, ?> flags) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Path file = configFile;
    if (file == null && env.get(CONFIG_FILE_ENV) != null && !env.get(CONFIG_FILE_ENV).isBlank()) {
      file = Path.of(env.get(CONFIG_FILE_ENV));
    }
    if (file != null) {
      merged.putAll(readProperties(file));
    }
    for (String key : definition.names()) {
      String value = env.get(envName(key));
      if (value != null) {
        merged.put(key, value);
      }
    }
    flags.forEach((k, v) -> {
      if (v != null) {
        merged.put(k, v);
      }
    });
    return merged;
  }

  static Map<String, String> readProperties(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file.toAbsolutePath() + " does not exist or is not a file");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read configuration file " + file.toAbsolutePath(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k).trim()));
    return values;
  }
}
