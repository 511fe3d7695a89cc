package io.ferstream.common.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings every FerStream program shares: where Kafka and the Schema Registry are, what the topics
 * are called and how they are created, and where the embedded stack keeps its data.
 *
 * <p>Each key is one constant with a doc string, a default and a validator, in the style of Kafka's
 * own configs. Module-specific settings live in their own config classes that extend {@link #baseConfigDef()}.
 */
public class FerStreamConfig extends AbstractConfig {

  /** System property naming the FerStream installation (the repository root); bin/ferstream sets it. */
  public static final String FERSTREAM_HOME_PROPERTY = "ferstream.home";

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...].";
  public static final String BOOTSTRAP_SERVERS_DEFAULT = "localhost:9092";

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String SCHEMA_REGISTRY_URL_DOC =
      "Schema Registry base URL(s), comma separated. The embedded registry or a Confluent Schema Registry.";
  public static final String SCHEMA_REGISTRY_URL_DEFAULT = "http://localhost:8081";

  public static final String TOPIC_FACE_CROPS = "topic.face.crops";
  public static final String TOPIC_FACE_CROPS_DOC = "Topic of FaceCrop records (48x48 crops), keyed by session id.";
  public static final String TOPIC_FACE_CROPS_DEFAULT = "face-crops";

  public static final String TOPIC_FACE_CROPS_DLQ = "topic.face.crops.dlq";
  public static final String TOPIC_FACE_CROPS_DLQ_DOC =
      "Dead-letter topic: face-crops records that could not be processed, original bytes plus error headers.";
  public static final String TOPIC_FACE_CROPS_DLQ_DEFAULT = "face-crops-dlq";

  public static final String TOPIC_EMOTION_EVENTS = "topic.emotion.events";
  public static final String TOPIC_EMOTION_EVENTS_DOC = "Topic of EmotionEvent records, keyed by session id.";
  public static final String TOPIC_EMOTION_EVENTS_DEFAULT = "emotion-events";

  public static final String TOPIC_EMOTION_EVENTS_DLQ = "topic.emotion.events.dlq";
  public static final String TOPIC_EMOTION_EVENTS_DLQ_DOC =
      "Dead-letter topic: emotion-events records the aggregator could not process, original bytes plus error headers.";
  public static final String TOPIC_EMOTION_EVENTS_DLQ_DEFAULT = "emotion-events-dlq";

  public static final String TOPIC_EMOTION_EVENTS_SHADOW = "topic.emotion.events.shadow";
  public static final String TOPIC_EMOTION_EVENTS_SHADOW_DOC =
      "Topic of EmotionEvent records scored by a shadow (candidate) release.";
  public static final String TOPIC_EMOTION_EVENTS_SHADOW_DEFAULT = "emotion-events-shadow";

  public static final String TOPIC_SESSION_STATS = "topic.session.emotion.stats";
  public static final String TOPIC_SESSION_STATS_DOC = "Topic of SessionEmotionStats records, keyed by session id.";
  public static final String TOPIC_SESSION_STATS_DEFAULT = "session-emotion-stats";

  public static final String TOPIC_LABELLED_FEEDBACK = "topic.labelled.feedback";
  public static final String TOPIC_LABELLED_FEEDBACK_DOC = "Topic of LabelledFeedback records, keyed by crop id.";
  public static final String TOPIC_LABELLED_FEEDBACK_DEFAULT = "labelled-feedback";

  public static final String TOPIC_LABELLED_FEEDBACK_DLQ = "topic.labelled.feedback.dlq";
  public static final String TOPIC_LABELLED_FEEDBACK_DLQ_DOC =
      "Dead-letter topic of labelled-feedback records the trainer could not use (undecodable, invalid label, unknown "
          + "or expired crop id), with their original bytes and error headers.";
  public static final String TOPIC_LABELLED_FEEDBACK_DLQ_DEFAULT = "labelled-feedback-dlq";

  public static final String TOPIC_TRAINING_EXAMPLES = "topic.training.examples";
  public static final String TOPIC_TRAINING_EXAMPLES_DOC =
      "Compacted topic of TrainingExample records keyed by crop id: the trainer's durable training buffer.";
  public static final String TOPIC_TRAINING_EXAMPLES_DEFAULT = "training-examples";

  public static final String TOPIC_MODEL_RELEASES = "topic.model.releases";
  public static final String TOPIC_MODEL_RELEASES_DOC =
      "Compacted topic of ModelRelease records; its latest record is the live release.";
  public static final String TOPIC_MODEL_RELEASES_DEFAULT = "model-releases";

  public static final String TOPIC_PARTITIONS = "topic.partitions";
  public static final String TOPIC_PARTITIONS_DOC =
      "Partitions of the keyed data topics (face-crops, emotion-events, stats, feedback) when FerStream creates them.";
  public static final int TOPIC_PARTITIONS_DEFAULT = 6;

  public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
  public static final String TOPIC_REPLICATION_FACTOR_DOC =
      "Replication factor of every topic FerStream creates; 1 for the single-node embedded stack, 3 in production.";
  public static final short TOPIC_REPLICATION_FACTOR_DEFAULT = 1;

  public static final String TOPIC_RETENTION_MS = "topic.retention.ms";
  public static final String TOPIC_RETENTION_MS_DOC =
      "Retention of the data topics in milliseconds (face-crops, emotion-events, stats, dead letters); -1 keeps everything.";
  public static final long TOPIC_RETENTION_MS_DEFAULT = 7L * 24 * 60 * 60 * 1000;

  public static final String TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES = "topic.model.releases.max.message.bytes";
  public static final String TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES_DOC =
      "max.message.bytes of the model-releases topic, large enough for a release bundle travelling inside its record.";
  public static final int TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES_DEFAULT = 64 * 1024 * 1024;

  public static final String STACK_DATA_DIR = "stack.data.dir";
  public static final String STACK_DATA_DIR_DOC =
      "Directory where the embedded stack keeps the broker's log and metadata; it survives restarts.";
  public static final String STACK_DATA_DIR_DEFAULT = ".ferstream/stack";

  public static final String STACK_KAFKA_PORT = "stack.kafka.port";
  public static final String STACK_KAFKA_PORT_DOC = "Client port of the embedded Kafka broker.";
  public static final int STACK_KAFKA_PORT_DEFAULT = 9092;

  public static final String STACK_REGISTRY_PORT = "stack.registry.port";
  public static final String STACK_REGISTRY_PORT_DOC = "HTTP port of the embedded Schema Registry.";
  public static final int STACK_REGISTRY_PORT_DEFAULT = 8081;

  private static final ConfigDef.Validator PORT = Range.between(0, 65535);
  private static final ConfigDef.Validator NON_EMPTY_LIST = ConfigDef.LambdaValidator.with((name, value) -> {
    if (!(value instanceof java.util.List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> v.toString().isBlank())) {
      throw new org.apache.kafka.common.config.ConfigException(name, value, "must be a non-empty comma-separated list");
    }
  }, () -> "non-empty comma-separated list");

  /** The shared keys; module configs start from this and add their own. */
  public static ConfigDef baseConfigDef() {
    return new ConfigDef()
        .define(BOOTSTRAP_SERVERS, Type.LIST, BOOTSTRAP_SERVERS_DEFAULT, NON_EMPTY_LIST,
            Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
        .define(SCHEMA_REGISTRY_URL, Type.LIST, SCHEMA_REGISTRY_URL_DEFAULT, NON_EMPTY_LIST,
            Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
        .define(TOPIC_FACE_CROPS, Type.STRING, TOPIC_FACE_CROPS_DEFAULT, new TopicName(), Importance.MEDIUM, TOPIC_FACE_CROPS_DOC)
        .define(TOPIC_FACE_CROPS_DLQ, Type.STRING, TOPIC_FACE_CROPS_DLQ_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_FACE_CROPS_DLQ_DOC)
        .define(TOPIC_EMOTION_EVENTS, Type.STRING, TOPIC_EMOTION_EVENTS_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_EMOTION_EVENTS_DOC)
        .define(TOPIC_EMOTION_EVENTS_DLQ, Type.STRING, TOPIC_EMOTION_EVENTS_DLQ_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_EMOTION_EVENTS_DLQ_DOC)
        .define(TOPIC_EMOTION_EVENTS_SHADOW, Type.STRING, TOPIC_EMOTION_EVENTS_SHADOW_DEFAULT, new TopicName(), Importance.LOW,
            TOPIC_EMOTION_EVENTS_SHADOW_DOC)
        .define(TOPIC_SESSION_STATS, Type.STRING, TOPIC_SESSION_STATS_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_SESSION_STATS_DOC)
        .define(TOPIC_LABELLED_FEEDBACK, Type.STRING, TOPIC_LABELLED_FEEDBACK_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_LABELLED_FEEDBACK_DOC)
        .define(TOPIC_LABELLED_FEEDBACK_DLQ, Type.STRING, TOPIC_LABELLED_FEEDBACK_DLQ_DEFAULT, new TopicName(),
            Importance.LOW, TOPIC_LABELLED_FEEDBACK_DLQ_DOC)
        .define(TOPIC_TRAINING_EXAMPLES, Type.STRING, TOPIC_TRAINING_EXAMPLES_DEFAULT, new TopicName(),
            Importance.LOW, TOPIC_TRAINING_EXAMPLES_DOC)
        .define(TOPIC_MODEL_RELEASES, Type.STRING, TOPIC_MODEL_RELEASES_DEFAULT, new TopicName(), Importance.MEDIUM,
            TOPIC_MODEL_RELEASES_DOC)
        .define(TOPIC_PARTITIONS, Type.INT, TOPIC_PARTITIONS_DEFAULT, Range.between(1, 10_000), Importance.MEDIUM,
            TOPIC_PARTITIONS_DOC)
        .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, TOPIC_REPLICATION_FACTOR_DEFAULT, Range.between(1, 32),
            Importance.MEDIUM, TOPIC_REPLICATION_FACTOR_DOC)
        .define(TOPIC_RETENTION_MS, Type.LONG, TOPIC_RETENTION_MS_DEFAULT, Range.atLeast(-1), Importance.LOW,
            TOPIC_RETENTION_MS_DOC)
        .define(TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES, Type.INT, TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES_DEFAULT,
            Range.between(1024 * 1024, Integer.MAX_VALUE), Importance.LOW, TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES_DOC)
        .define(STACK_DATA_DIR, Type.STRING, STACK_DATA_DIR_DEFAULT, new NonEmptyString(), Importance.LOW, STACK_DATA_DIR_DOC)
        .define(STACK_KAFKA_PORT, Type.INT, STACK_KAFKA_PORT_DEFAULT, PORT, Importance.LOW, STACK_KAFKA_PORT_DOC)
        .define(STACK_REGISTRY_PORT, Type.INT, STACK_REGISTRY_PORT_DEFAULT, PORT, Importance.LOW, STACK_REGISTRY_PORT_DOC);
  }

  public FerStreamConfig(Map<?, ?> props) {
    this(baseConfigDef(), props);
  }

  protected FerStreamConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props, false);
  }

  /**
   * A path setting as FerStream's commands resolve it: a value that was set is used as given (relative to the working
   * directory); the default is resolved against the installation, the {@value #FERSTREAM_HOME_PROPERTY} system
   * property (the repository, set by bin/ferstream), when that is set, so defaults such as {@code releases} are found
   * from any working directory.
   */
  public java.nio.file.Path installationPath(String key) {
    String path = getString(key);
    String home = System.getProperty(FERSTREAM_HOME_PROPERTY);
    if (originals().containsKey(key) || home == null || home.isBlank()) {
      return java.nio.file.Path.of(path);
    }
    return java.nio.file.Path.of(home).resolve(path).normalize();
  }

  public String bootstrapServers() {
    return String.join(",", getList(BOOTSTRAP_SERVERS));
  }

  public String schemaRegistryUrl() {
    return String.join(",", getList(SCHEMA_REGISTRY_URL));
  }

  /** Kafka topic names: 1..249 chars of [a-zA-Z0-9._-], as the broker enforces. */
  static final class TopicName implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String topic = (String) value;
      if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}") || topic.equals(".") || topic.equals("..")) {
        throw new org.apache.kafka.common.config.ConfigException(name, value,
            "a topic name is 1 to 249 characters of letters, digits, '.', '_' and '-'");
      }
    }

    @Override
    public String toString() {
      return "a legal Kafka topic name";
    }
  }
}
