package io.ferstream.common.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record the broker will never accept ({@link RecordTooLargeException}) is dead-lettered with the source
 * record's bytes when it was produced while processing that record, else with the output record's bytes. Everything
 * else (serialization, a registry or broker outage, a failing dead-letter topic) fails the task: under exactly-once
 * the input is processed again after the restart, so an output record is never silently dropped.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private String deadLetterTopic;
  private DeadLetterCounter counter = DeadLetterCounter.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = DeadLetters.topicFrom(configs);
    counter = DeadLetterCounter.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
    if (!(error instanceof RecordTooLargeException) || deadLetterTopic.equals(record.topic())) {
      log.error("Could not produce to {}; failing the task: {}", record.topic(), error.toString());
      return Response.fail();
    }
    log.warn("Dead-lettering a record the broker refuses for {} ({}-{}@{}): {}", record.topic(), context.topic(),
        context.partition(), context.offset(), error.toString());
    counter.deadLettered(DeadLetters.Stage.PRODUCTION);
    boolean fromSource = context.sourceRawValue() != null;
    DeadLetters.Source source = new DeadLetters.Source(context.topic(), context.partition(), context.offset(),
        context.timestamp(), fromSource ? context.headers() : record.headers());
    return Response.resume(List.of(DeadLetters.record(deadLetterTopic,
        fromSource ? context.sourceRawKey() : record.key(), fromSource ? context.sourceRawValue() : record.value(),
        source, DeadLetters.Stage.PRODUCTION, error)));
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception error,
      SerializationExceptionOrigin origin) {
    log.error("Could not serialize the {} of a record for {}; failing the task: {}", origin, record.topic(),
        error.toString());
    return Response.fail();
  }
}
