package io.ferstream.common.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input record that cannot be deserialized (not Confluent wire format, undecodable Avro, unknown schema id) goes
 * to the dead-letter topic with its original bytes, and the application moves on. Registry outages are not the
 * record's fault: those fail the task (see {@link ErrorClassifier}), and exactly-once retries the record later.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private String deadLetterTopic;
  private DeadLetterCounter counter = DeadLetterCounter.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = DeadLetters.topicFrom(configs);
    counter = DeadLetterCounter.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
    if (ErrorClassifier.isTransient(error)) {
      log.error("Transient failure deserializing {}-{}@{}; failing the task so the record is retried: {}",
          record.topic(), record.partition(), record.offset(), error.toString());
      return Response.fail();
    }
    log.warn("Dead-lettering undecodable record {}-{}@{} to {}: {}", record.topic(), record.partition(),
        record.offset(), deadLetterTopic, error.toString());
    counter.deadLettered(DeadLetters.Stage.DESERIALIZATION);
    DeadLetters.Source source = new DeadLetters.Source(record.topic(), record.partition(), record.offset(),
        record.timestamp(), record.headers());
    return Response.resume(List.of(DeadLetters.record(deadLetterTopic, record.key(), record.value(), source,
        DeadLetters.Stage.DESERIALIZATION, error)));
  }
}
