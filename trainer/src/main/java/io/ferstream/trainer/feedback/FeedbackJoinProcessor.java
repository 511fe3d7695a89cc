package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.schemas.PixelSource;
import io.ferstream.schemas.TrainingExample;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one feedback record (from {@code feedback-by-id}, so in the task that owns its crop id) into a training
 * example: pixels from the feedback itself ({@link PixelSource#FEEDBACK}) or from the crop store
 * ({@link PixelSource#FACE_CROPS}), de-duplicated against the last example accepted for the crop.
 *
 * <ul>
 *   <li>No pixels and no crop of that id stored at or after {@code feedback timestamp - crop retention}: dead
 *       letter ({@link DeadLetterReason#UNKNOWN_OR_EXPIRED_CROP}).
 *   <li>Same label and same pixels as the last accepted example: a duplicate, dropped and counted (another
 *       labeller agreeing adds nothing to the training data; the first labeller stays on the example).
 *   <li>Another label: a relabel, forwarded (the compacted training-examples topic replaces the old example).
 *   <li>Same label, other pixels (inline pixels that differ from before): forwarded as a replacement.
 * </ul>
 */
final class FeedbackJoinProcessor implements Processor<String, byte[], String, Routed<TrainingExample>> {

  private static final Logger log = LoggerFactory.getLogger(FeedbackJoinProcessor.class);

  private final FeedbackReaderFactory readers;
  private final String cropStoreName;
  private final String acceptedStoreName;
  private final long retentionMs;
  private final String deadLetterTopic;
  private final FeedbackCounters counters;
  private ProcessorContext<String, Routed<TrainingExample>> context;
  private FeedbackReader reader;
  private WindowStore<String, CropPixels> crops;
  private KeyValueStore<String, AcceptedLabel> accepted;

  FeedbackJoinProcessor(FeedbackReaderFactory readers, String cropStoreName, String acceptedStoreName,
      Duration cropRetention, String deadLetterTopic, FeedbackCounters counters) {
    this.readers = readers;
    this.cropStoreName = cropStoreName;
    this.acceptedStoreName = acceptedStoreName;
    this.retentionMs = cropRetention.toMillis();
    this.deadLetterTopic = deadLetterTopic;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, Routed<TrainingExample>> context) {
    this.context = context;
    this.reader = readers.create(context.appConfigs());
    this.crops = context.getStateStore(cropStoreName);
    this.accepted = context.getStateStore(acceptedStoreName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    OriginHeaders.Origin origin = origin(record);
    LabelledFeedback feedback;
    try {
      // Validated at intake already; read again here because the value crossed the repartition topic as the
      // original bytes (kept for the dead letters), and a schema may have gone from the registry in between.
      feedback = reader.read(record.value());
    } catch (InvalidFeedbackException e) {
      deadLetter(record, origin, e);
      return;
    }
    String cropId = feedback.getCropId();
    String sessionId = feedback.getSessionId();
    byte[] pixels;
    PixelSource source;
    if (feedback.getPixels() != null) {
      pixels = FeedbackReader.bytes(feedback.getPixels());
      source = PixelSource.FEEDBACK;
    } else {
      CropPixels crop = latestCrop(cropId, record.timestamp());
      if (crop == null) {
        deadLetter(record, origin, new InvalidFeedbackException(DeadLetterReason.UNKNOWN_OR_EXPIRED_CROP,
            "feedback for crop " + cropId + " carries no pixels and no crop " + cropId + " from "
                + Instant.ofEpochMilli(Math.max(0, record.timestamp() - retentionMs)) + " on is in the crop store "
                + "(unknown crop id, or older than the crop retention " + Duration.ofMillis(retentionMs) + ")"));
        return;
      }
      pixels = crop.pixels();
      source = PixelSource.FACE_CROPS;
      if (sessionId == null || sessionId.isBlank()) {
        sessionId = crop.sessionId();
      }
    }

    AcceptedLabel next = new AcceptedLabel(feedback.getLabel().name(), feedback.getLabeller(),
        AcceptedLabel.sha256(pixels));
    AcceptedLabel previous = accepted.get(cropId);
    if (previous != null) {
      if (previous.label().equals(next.label()) && previous.samePixels(next)) {
        counters.duplicate();
        return;
      }
      if (!previous.label().equals(next.label())) {
        counters.relabelled();
      } else {
        counters.pixelsReplaced();
      }
    }
    accepted.put(cropId, next);
    counters.accepted(source);

    TrainingExample example = TrainingExample.newBuilder()
        .setCropId(cropId)
        .setSessionId(sessionId == null ? "" : sessionId)
        .setLabel(feedback.getLabel())
        .setLabeller(feedback.getLabeller())
        .setLabelledTimestamp(feedback.getLabelledTimestamp())
        .setPixels(ByteBuffer.wrap(pixels))
        .setPixelSource(source)
        .setAcceptedTimestamp(Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(), record.timestamp())))
        .build();
    context.forward(new Record<>(cropId, new Routed.Pass<>(example), record.timestamp(),
        OriginHeaders.without(record.headers())));
  }

  /** The most recent crop of that id stored at or after {@code feedbackTime - retention}, or null. */
  private CropPixels latestCrop(String cropId, long feedbackTime) {
    long from = Math.max(0, feedbackTime - retentionMs);
    // No upper bound: a crop stamped a little after its feedback (producer clocks differ) is still the crop.
    try (WindowStoreIterator<CropPixels> it = crops.backwardFetch(cropId, from, Long.MAX_VALUE)) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  private OriginHeaders.Origin origin(Record<String, byte[]> record) {
    OriginHeaders.Origin origin = OriginHeaders.read(record.headers());
    if (origin != null) {
      return origin;
    }
    // Not written by the intake (cannot happen within this topology): name the record as this task sees it.
    RecordMetadata meta = context.recordMetadata().orElse(null);
    return new OriginHeaders.Origin(new DeadLetters.Source(meta == null ? null : meta.topic(),
        meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset(), record.timestamp(),
        OriginHeaders.without(record.headers())), null);
  }

  private void deadLetter(Record<String, byte[]> record, OriginHeaders.Origin origin, InvalidFeedbackException e) {
    DeadLetters.Source source = origin.source();
    log.warn("Dead-lettering labelled feedback {}-{}@{} to {} ({}): {}", source.topic(), source.partition(),
        source.offset(), deadLetterTopic, e.reason().label(), e.getMessage());
    counters.deadLetter(e.reason());
    context.forward(FeedbackDeadLetters.record(deadLetterTopic, record.key(), origin.key(), record.value(), source,
        record.timestamp(), e));
  }
}
