package io.ferstream.serde;

import io.ferstream.serde.client.BasicAuthCredentials;
import io.ferstream.serde.client.MockSchemaRegistry;
import io.ferstream.serde.client.RegistryRestService;
import io.ferstream.serde.client.RetryPolicy;
import io.ferstream.serde.subject.SubjectNameStrategies;
import io.ferstream.serde.subject.SubjectNameStrategy;
import io.ferstream.serde.subject.TopicNameStrategy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of the serdes and of the registry client they build, with Confluent's key names and
 * defaults, so a producer/consumer/Streams configuration written for Confluent's
 * {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} works unchanged.
 */
public class ConfluentSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
  public static final String USER_INFO_CONFIG = "basic.auth.user.info";
  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
  public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
  public static final String LATEST_COMPATIBILITY_STRICT_CONFIG = "latest.compatibility.strict";
  public static final String LATEST_CACHE_TTL_CONFIG = "latest.cache.ttl.sec";
  public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
  public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";
  public static final String MAX_RETRIES_CONFIG = "max.retries";
  public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";
  public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
  /** Not a Confluent key: Avro 1.12's class trust, see {@link AvroClassTrust}. */
  public static final String TRUSTED_PACKAGES_CONFIG = "ferstream.avro.trusted.packages";

  /** Confluent's clients also accept client settings under this prefix. */
  public static final String CLIENT_PREFIX = "schema.registry.";
  public static final String CREDENTIALS_SOURCE_URL = "URL";
  public static final String CREDENTIALS_SOURCE_USER_INFO = "USER_INFO";

  private static final ConfigDef CONFIG = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, "", ConfluentSerdeConfig::validateUrls, Importance.HIGH,
          "Comma-separated Schema Registry URLs (http or https), tried in turn when one does not answer. "
              + "User info in a URL (http://user:pass@host:8081) is sent as basic auth with "
              + "basic.auth.credentials.source=URL. mock://<scope> selects an in-memory registry shared by every "
              + "serde of that scope, for tests. Required unless a client instance is given to the serde.")
      .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, CREDENTIALS_SOURCE_URL,
          ConfigDef.ValidString.in(CREDENTIALS_SOURCE_URL, CREDENTIALS_SOURCE_USER_INFO), Importance.MEDIUM,
          "Where the registry's basic-auth credentials come from: URL (the user info of schema.registry.url, "
              + "none if absent) or USER_INFO (basic.auth.user.info).")
      .define(USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
          "Basic-auth credentials as user:password, used when basic.auth.credentials.source=USER_INFO.")
      .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
          "Whether the serializer registers a record's schema under its subject when it is not there yet. "
              + "When false, the schema must already be registered (or use.latest.version=true), else the "
              + "record is refused with SchemaNotRegisteredException.")
      .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.LOW,
          "With auto.register.schemas=false: write records with the subject's latest registered schema "
              + "instead of looking up the record's own schema. The record is converted to the latest schema "
              + "by Avro schema resolution.")
      .define(LATEST_COMPATIBILITY_STRICT_CONFIG, Type.BOOLEAN, true, Importance.LOW,
          "With use.latest.version=true: refuse a record whose schema cannot be read as the latest schema "
              + "(checked with Avro's reader/writer compatibility rules).")
      .define(LATEST_CACHE_TTL_CONFIG, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
          "Seconds the latest version of a subject is cached for use.latest.version; -1 caches it for the life "
              + "of the serializer, 0 asks the registry for every record.")
      .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
          ConfluentSerdeConfig::validateStrategy, Importance.MEDIUM,
          "How the subject of a key schema is named: TopicNameStrategy (<topic>-key), RecordNameStrategy (the "
              + "record's full name) or TopicRecordNameStrategy (<topic>-<record full name>). Accepts Confluent's "
              + "class names (io.confluent.kafka.serializers.subject.*), io.ferstream.serde.subject.* names, the "
              + "short names topic, record, topic-record, or any class implementing "
              + SubjectNameStrategy.class.getName() + ".")
      .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
          ConfluentSerdeConfig::validateStrategy, Importance.MEDIUM,
          "How the subject of a value schema is named; same choices as key.subject.name.strategy "
              + "(TopicNameStrategy gives <topic>-value).")
      .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
          "Whether the deserializer returns generated SpecificRecord classes (resolved against the writer "
              + "schema: this is how schema evolution reaches the reader) instead of GenericRecord.")
      .define(SPECIFIC_AVRO_KEY_TYPE_CONFIG, Type.CLASS, null, Importance.LOW,
          "With specific.avro.reader=true: the generated class keys are read into. Default: the class named "
              + "by the writer schema's full name.")
      .define(SPECIFIC_AVRO_VALUE_TYPE_CONFIG, Type.CLASS, null, Importance.LOW,
          "With specific.avro.reader=true: the generated class values are read into. Default: the class named "
              + "by the writer schema's full name.")
      .define(MAX_RETRIES_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
          "Retries of a registry call that failed transiently (no answer, timeout, HTTP 5xx, error codes "
              + "50001-50003). 4xx answers are never retried.")
      .define(RETRIES_WAIT_MS_CONFIG, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
          "Wait before the first retry, in milliseconds; doubled for each further retry.")
      .define(RETRIES_MAX_WAIT_MS_CONFIG, Type.LONG, 20000L, ConfigDef.Range.atLeast(0), Importance.LOW,
          "Longest wait between two retries, in milliseconds.")
      .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, 60000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout for connecting to a registry URL, in milliseconds.")
      .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, 60000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout for a registry's whole answer, in milliseconds.")
      .define(TRUSTED_PACKAGES_CONFIG, Type.LIST, "io.ferstream.schemas", Importance.LOW,
          "Packages (and their sub-packages) of generated Avro classes that specific reading may instantiate. "
              + "Avro 1.12 refuses classes named by a schema unless trusted; the package of a configured "
              + "specific.avro.*.type is trusted too. Added to Avro's process-wide trust.");

  public ConfluentSerdeConfig(Map<?, ?> props) {
    super(CONFIG, normalize(props));
    if (CREDENTIALS_SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))
        && getPassword(USER_INFO_CONFIG).value().isEmpty()) {
      throw new ConfigException(USER_INFO_CONFIG, "[hidden]",
          "is required (user:password) when " + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + "=USER_INFO");
    }
    if (getLong(RETRIES_MAX_WAIT_MS_CONFIG) < getLong(RETRIES_WAIT_MS_CONFIG)) {
      throw new ConfigException(RETRIES_MAX_WAIT_MS_CONFIG, getLong(RETRIES_MAX_WAIT_MS_CONFIG),
          "must be >= " + RETRIES_WAIT_MS_CONFIG);
    }
  }

  /** A copy of the definitions, e.g. to print documentation. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG);
  }

  public List<String> schemaRegistryUrls() {
    return getList(SCHEMA_REGISTRY_URL_CONFIG);
  }

  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
  }

  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION_CONFIG);
  }

  public boolean latestCompatibilityStrict() {
    return getBoolean(LATEST_COMPATIBILITY_STRICT_CONFIG);
  }

  /** How long a subject's latest version may be cached; empty for ever. */
  public Optional<Duration> latestCacheTtl() {
    long seconds = getLong(LATEST_CACHE_TTL_CONFIG);
    return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return SubjectNameStrategies.resolve(
        getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
  }

  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
  }

  /** The configured class to read keys or values into, if any. */
  public Optional<Class<?>> specificAvroType(boolean isKey) {
    return Optional.ofNullable(getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE_CONFIG : SPECIFIC_AVRO_VALUE_TYPE_CONFIG));
  }

  public List<String> trustedPackages() {
    return getList(TRUSTED_PACKAGES_CONFIG);
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(getInt(MAX_RETRIES_CONFIG), Duration.ofMillis(getLong(RETRIES_WAIT_MS_CONFIG)),
        Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS_CONFIG)));
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG));
  }

  /** The basic-auth credentials the configuration asks for, if any. */
  public Optional<BasicAuthCredentials> basicAuthCredentials() {
    if (CREDENTIALS_SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))) {
      return Optional.of(BasicAuthCredentials.parse(getPassword(USER_INFO_CONFIG).value()));
    }
    return isMock() ? Optional.empty() : RegistryRestService.Builder.credentialsFromUrls(schemaRegistryUrls());
  }

  /** Whether the URL selects an in-memory registry ({@code mock://scope}). */
  public boolean isMock() {
    List<String> urls = schemaRegistryUrls();
    return urls.size() == 1 && urls.get(0).startsWith(MockSchemaRegistry.MOCK_URL_PREFIX);
  }

  /**
   * Puts values into the types ConfigDef parses: a {@link Class} where a strategy name is expected (Kafka
   * users write {@code props.put(..., RecordNameStrategy.class)}), and Confluent's
   * {@code schema.registry.}-prefixed client keys under their plain names when those are absent.
   */
  private static Map<String, Object> normalize(Map<?, ?> props) {
    Map<String, Object> normalized = new HashMap<>();
    props.forEach((k, v) -> normalized.put(String.valueOf(k), v));
    for (String key : List.of(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, USER_INFO_CONFIG, MAX_RETRIES_CONFIG,
        RETRIES_WAIT_MS_CONFIG, RETRIES_MAX_WAIT_MS_CONFIG, HTTP_CONNECT_TIMEOUT_MS_CONFIG, HTTP_READ_TIMEOUT_MS_CONFIG)) {
      Object prefixed = normalized.get(CLIENT_PREFIX + key);
      if (prefixed != null) {
        normalized.putIfAbsent(key, prefixed);
      }
    }
    for (String key : List.of(KEY_SUBJECT_NAME_STRATEGY_CONFIG, VALUE_SUBJECT_NAME_STRATEGY_CONFIG)) {
      if (normalized.get(key) instanceof Class<?> type) {
        normalized.put(key, type.getName());
      }
    }
    return normalized;
  }

  private static void validateUrls(String name, Object value) {
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) value;
    for (String url : urls) {
      if (url.startsWith(MockSchemaRegistry.MOCK_URL_PREFIX)) {
        if (urls.size() > 1) {
          throw new ConfigException(name, value, "a mock:// URL cannot be combined with other URLs");
        }
        continue;
      }
      try {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
            || uri.getHost() == null) {
          throw new ConfigException(name, url, "expected http://host:port, https://host:port or mock://scope");
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, url, "is not a valid URL: " + e.getMessage());
      }
    }
  }

  private static void validateStrategy(String name, Object value) {
    try {
      SubjectNameStrategies.resolve((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }
}
