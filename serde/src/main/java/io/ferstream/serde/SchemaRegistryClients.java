package io.ferstream.serde;

import io.ferstream.serde.client.CachedSchemaRegistryClient;
import io.ferstream.serde.client.MockSchemaRegistry;
import io.ferstream.serde.client.RegistryRestService;
import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Builds the registry client a configuration describes. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {
  }

  /** A client for {@code schema.registry.url} and the client settings of {@code configs}. */
  public static SchemaRegistryClient create(Map<String, ?> configs) {
    return create(new ConfluentSerdeConfig(configs));
  }

  public static SchemaRegistryClient create(ConfluentSerdeConfig config) {
    if (config.schemaRegistryUrls().isEmpty()) {
      throw new ConfigException(ConfluentSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "",
          "is required: no Schema Registry client was given to the serde");
    }
    if (config.isMock()) {
      return MockSchemaRegistry.getClientForScope(MockSchemaRegistry.scopeOf(config.schemaRegistryUrls().get(0)));
    }
    RegistryRestService.Builder rest = RegistryRestService.builder()
        .urls(config.schemaRegistryUrls())
        .retryPolicy(config.retryPolicy())
        .connectTimeout(config.connectTimeout())
        .requestTimeout(config.readTimeout());
    config.basicAuthCredentials().ifPresent(rest::credentials);
    return new CachedSchemaRegistryClient(rest.build());
  }
}
