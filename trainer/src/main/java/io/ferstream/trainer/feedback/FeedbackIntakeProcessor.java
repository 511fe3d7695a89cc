package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.LabelledFeedback;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads labelled-feedback as it came (bytes): a valid record passes on keyed by its crop id, its value still the
 * original bytes, its origin in {@link OriginHeaders}; an invalid one becomes a dead letter with the reason counted.
 */
final class FeedbackIntakeProcessor implements Processor<byte[], byte[], String, Routed<byte[]>> {

  private static final Logger log = LoggerFactory.getLogger(FeedbackIntakeProcessor.class);

  private final FeedbackReaderFactory readers;
  private final String deadLetterTopic;
  private final FeedbackCounters counters;
  private ProcessorContext<String, Routed<byte[]>> context;
  private FeedbackReader reader;

  FeedbackIntakeProcessor(FeedbackReaderFactory readers, String deadLetterTopic, FeedbackCounters counters) {
    this.readers = readers;
    this.deadLetterTopic = deadLetterTopic;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, Routed<byte[]>> context) {
    this.context = context;
    this.reader = readers.create(context.appConfigs());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String topic = meta == null ? null : meta.topic();
    int partition = meta == null ? -1 : meta.partition();
    long offset = meta == null ? -1 : meta.offset();
    LabelledFeedback feedback;
    try {
      feedback = reader.read(record.value());
    } catch (InvalidFeedbackException e) {
      log.warn("Dead-lettering labelled feedback {}-{}@{} to {} ({}): {}", topic, partition, offset, deadLetterTopic,
          e.reason().label(), e.getMessage());
      counters.deadLetter(e.reason());
      DeadLetters.Source source = new DeadLetters.Source(topic, partition, offset, record.timestamp(),
          OriginHeaders.without(record.headers()));
      context.forward(FeedbackDeadLetters.record(deadLetterTopic, null, record.key(), record.value(), source,
          record.timestamp(), e));
      return;
    }
    context.forward(new Record<>(feedback.getCropId(), new Routed.Pass<>(record.value()), record.timestamp(),
        OriginHeaders.with(record.headers(), topic, partition, offset, record.timestamp(), record.key())));
  }
}
