package io.ferstream.common.streams.errors;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties that route bad records to a dead-letter topic, shared by every FerStream Streams
 * application: a record that cannot be decoded, processed or produced must neither stop the application nor vanish,
 * so it goes to {@code topic} with its original bytes and error headers, and {@code counter} counts it.
 */
public final class DeadLetterSettings {

  private DeadLetterSettings() {}

  /** Sets the three exception handlers, the dead-letter topic and the counter on {@code props}. */
  public static Properties apply(Properties props, String topic, DeadLetterCounter counter) {
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
    props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic);
    props.put(DeadLetterCounter.CONFIG_KEY, counter);
    return props;
  }
}
