package io.ferstream.common.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that decodes but is not a valid input (an {@link InvalidRecordException}, such as the classifier's
 * invalid crops) goes to the dead-letter topic with the original bytes of its source record; the application moves
 * on. Any other processing exception (an inference failure, a bug) fails the task: the record is processed again
 * after the restart, never silently dropped.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String deadLetterTopic;
  private DeadLetterCounter counter = DeadLetterCounter.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic = DeadLetters.topicFrom(configs);
    counter = DeadLetterCounter.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
    if (!(error instanceof InvalidRecordException)) {
      log.error("Processing failed in {} (task {}, {}-{}@{}); failing the task", context.processorNodeId(),
          context.taskId(), context.topic(), context.partition(), context.offset(), error);
      return Response.fail();
    }
    log.warn("Dead-lettering invalid record {}-{}@{} to {}: {}", context.topic(), context.partition(),
        context.offset(), deadLetterTopic, error.getMessage());
    counter.deadLettered(DeadLetters.Stage.PROCESSING);
    DeadLetters.Source source = new DeadLetters.Source(context.topic(), context.partition(), context.offset(),
        context.timestamp(), context.headers());
    return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context.sourceRawKey(),
        context.sourceRawValue(), source, DeadLetters.Stage.PROCESSING, error)));
  }
}
