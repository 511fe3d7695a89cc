package io.ferstream.common.topics;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.schemas.ModelRelease;
import io.ferstream.schemas.SessionEmotionStats;
import io.ferstream.schemas.TrainingExample;
import io.ferstream.serde.SchemaRegistryClients;
import io.ferstream.serde.SpecificAvroSerde;
import io.ferstream.serde.client.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every FerStream topic with its serdes, built from configuration: string keys, Avro values in
 * Confluent's wire format. All serdes share one Schema Registry client (and so its id caches).
 * The dead-letter topics carry raw bytes: a record that could not be decoded is kept as it came.
 */
public record Topics(
    Topic<String, FaceCrop> faceCrops,
    Topic<byte[], byte[]> faceCropsDlq,
    Topic<String, EmotionEvent> emotionEvents,
    Topic<byte[], byte[]> emotionEventsDlq,
    Topic<String, EmotionEvent> emotionEventsShadow,
    Topic<String, SessionEmotionStats> sessionEmotionStats,
    Topic<String, LabelledFeedback> labelledFeedback,
    Topic<byte[], byte[]> labelledFeedbackDlq,
    Topic<String, TrainingExample> trainingExamples,
    Topic<String, ModelRelease> modelReleases) {

  /** Topics whose serdes talk to the registry named in {@code config}. */
  public static Topics from(FerStreamConfig config) {
    Map<String, Object> serdeConfig = serdeConfig(config);
    return from(config, SchemaRegistryClients.create(serdeConfig), serdeConfig);
  }

  /** Topics whose serdes use the given registry client (tests pass an in-memory one). */
  public static Topics from(FerStreamConfig config, SchemaRegistryClient client, Map<String, Object> serdeConfig) {
    return new Topics(
        new Topic<>(config.getString(FerStreamConfig.TOPIC_FACE_CROPS), Serdes.String(),
            avro(client, FaceCrop.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_FACE_CROPS_DLQ), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS), Serdes.String(),
            avro(client, EmotionEvent.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS_DLQ), Serdes.ByteArray(),
            Serdes.ByteArray()),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW), Serdes.String(),
            avro(client, EmotionEvent.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_SESSION_STATS), Serdes.String(),
            avro(client, SessionEmotionStats.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_LABELLED_FEEDBACK), Serdes.String(),
            avro(client, LabelledFeedback.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_LABELLED_FEEDBACK_DLQ), Serdes.ByteArray(),
            Serdes.ByteArray()),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_TRAINING_EXAMPLES), Serdes.String(),
            avro(client, TrainingExample.class, serdeConfig)),
        new Topic<>(config.getString(FerStreamConfig.TOPIC_MODEL_RELEASES), Serdes.String(),
            avro(client, ModelRelease.class, serdeConfig)));
  }

  /**
   * The serde settings: every original property (so Confluent's keys such as auto.register.schemas
   * or basic.auth.user.info pass through), the resolved registry URL, and specific records on read.
   */
  public static Map<String, Object> serdeConfig(FerStreamConfig config) {
    Map<String, Object> serde = new HashMap<>(config.originals());
    serde.put(FerStreamConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    serde.put("specific.avro.reader", true);
    return serde;
  }

  private static <T extends SpecificRecord> Serde<T> avro(SchemaRegistryClient client, Class<T> type,
      Map<String, Object> serdeConfig) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(client, type);
    serde.configure(serdeConfig, false);
    return serde;
  }
}
