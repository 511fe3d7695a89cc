package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.ErrorClassifier;
import io.ferstream.schemas.FaceCrop;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads face-crops as it came (bytes) and passes on each valid 48x48 crop's session and pixels keyed by crop id.
 *
 * <p>An undecodable or invalid crop is skipped and counted ({@code crops-skipped}), not dead-lettered: the
 * classifier reads the same topic and already dead-letters it to face-crops-dlq, so a second copy would only
 * duplicate it, and into the feedback dead-letter topic, whose readers expect feedback. Feedback for such a crop,
 * if any, is dead-lettered as unknown. A Schema Registry outage is not the crop's fault: it fails the task.
 */
final class CropIntakeProcessor implements Processor<byte[], byte[], String, CropPixels> {

  private static final Logger log = LoggerFactory.getLogger(CropIntakeProcessor.class);

  private final String topic;
  private final Deserializer<FaceCrop> deserializer;
  private final FeedbackCounters counters;
  private ProcessorContext<String, CropPixels> context;

  CropIntakeProcessor(String topic, Deserializer<FaceCrop> deserializer, FeedbackCounters counters) {
    this.topic = topic;
    this.deserializer = deserializer;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, CropPixels> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Object decoded;
    try {
      decoded = record.value() == null ? null : deserializer.deserialize(topic, record.value());
    } catch (RuntimeException e) {
      if (ErrorClassifier.isTransient(e)) {
        throw e;
      }
      skip("undecodable: " + e);
      return;
    }
    if (!(decoded instanceof FaceCrop crop)) {
      skip("no FaceCrop value");
      return;
    }
    String problem = problem(crop);
    if (problem != null) {
      skip(problem);
      return;
    }
    String session = crop.getSessionId() == null ? "" : crop.getSessionId();
    context.forward(new Record<>(crop.getCropId(), new CropPixels(session, FeedbackReader.bytes(crop.getPixels())),
        record.timestamp()));
  }

  private static String problem(FaceCrop crop) {
    if (crop.getCropId() == null || crop.getCropId().isBlank()) {
      return "no crop id";
    }
    if (crop.getWidth() != 48 || crop.getHeight() != 48) {
      return "crop " + crop.getCropId() + " is " + crop.getWidth() + "x" + crop.getHeight() + ", not 48x48";
    }
    ByteBuffer pixels = crop.getPixels();
    int count = pixels == null ? 0 : pixels.remaining();
    if (count != FeedbackReader.PIXELS) {
      return "crop " + crop.getCropId() + " has " + count + " pixel bytes, not " + FeedbackReader.PIXELS;
    }
    return null;
  }

  private void skip(String why) {
    counters.cropSkipped();
    context.recordMetadata().ifPresentOrElse(
        m -> log.debug("Skipping face crop {}-{}@{}: {}", m.topic(), m.partition(), m.offset(), why),
        () -> log.debug("Skipping face crop: {}", why));
  }
}
