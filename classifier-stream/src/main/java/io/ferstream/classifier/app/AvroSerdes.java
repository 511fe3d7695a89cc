package io.ferstream.classifier.app;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.topology.AvroTrust;
import io.ferstream.classifier.topology.ClassifierSerdes;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.ModelRelease;
import io.ferstream.serde.SpecificAvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The classifier's serdes: Confluent wire-format Avro (ferstream-serde) against {@code schema.registry.url}. Every
 * configured key is passed to the serdes too, so their own settings ({@code auto.register.schemas},
 * {@code basic.auth.*}, ...) can be given like any other key.
 */
public final class AvroSerdes {

  private AvroSerdes() {}

  public static ClassifierSerdes topology(ClassifierConfig config) {
    return ClassifierSerdes.of(serde(FaceCrop.class, config), serde(EmotionEvent.class, config));
  }

  public static Deserializer<ModelRelease> releases(ClassifierConfig config) {
    return serde(ModelRelease.class, config).deserializer();
  }

  public static <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, ClassifierConfig config) {
    AvroTrust.trustFerStreamSchemas();
    Map<String, Object> settings = new HashMap<>();
    config.originals().forEach((k, v) -> {
      if (v != null) {
        settings.put(k, v);
      }
    });
    settings.put(FerStreamConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(settings, false);
    return serde;
  }
}
