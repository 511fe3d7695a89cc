package io.ferstream.replay.evaluate;

import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.replay.range.OffsetRange;
import io.ferstream.replay.range.RangeReader;
import io.ferstream.schemas.FaceCrop;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the crops of a range of face-crops that have ground truth under a {@link LabelPolicy}. Values are read as
 * bytes and decoded here, so that one bad record is counted rather than failing the replay; the pixels are kept
 * exactly as recorded.
 */
public final class CropRecordingReader {

  private final Deserializer<FaceCrop> deserializer;
  private final LabelPolicy policy;
  private final int maxRecords;
  private final Duration stallTimeout;

  public CropRecordingReader(Deserializer<FaceCrop> deserializer, LabelPolicy policy, int maxRecords,
      Duration stallTimeout) {
    this.deserializer = deserializer;
    this.policy = policy;
    this.maxRecords = maxRecords;
    this.stallTimeout = stallTimeout;
  }

  /**
   * @param feedback labels by crop id ({@link FeedbackLabels#none()} for {@link LabelPolicy#CROP})
   * @throws IllegalStateException when the range holds more than {@code replay.max.records} labelled crops
   */
  public Recording read(KafkaConsumer<byte[], byte[]> consumer, OffsetRange range, FeedbackLabels feedback,
      double feedbackSeconds) {
    long t0 = System.nanoTime();
    Accumulator acc = new Accumulator(range.topic(), feedback);
    new RangeReader(stallTimeout).read(consumer, range, acc::add);
    consumer.unsubscribe();
    return acc.result(feedbackSeconds + (System.nanoTime() - t0) / 1e9);
  }

  /** Turns records into crops, counting what it leaves out. */
  private final class Accumulator {
    private final String topic;
    private final FeedbackLabels feedback;
    private final List<RecordedCrop> crops = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long read;
    private long unlabelled;
    private long invalid;
    private long duplicates;
    private long fromFeedback;
    private long conflicts;

    Accumulator(String topic, FeedbackLabels feedback) {
      this.topic = topic;
      this.feedback = feedback;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
      read++;
      FaceCrop crop;
      try {
        crop = record.value() == null ? null : deserializer.deserialize(topic, record.value());
      } catch (RuntimeException e) {
        crop = null;
      }
      if (crop == null || crop.getPixels() == null || crop.getPixels().remaining() != Preprocessing.PIXELS) {
        invalid++;
        return;
      }
      String id = crop.getCropId();
      int own = Labels.index(crop.getLabel());
      int given = feedback.label(id);
      int label = policy.choose(own, given);
      if (label < 0) {
        unlabelled++;
        return;
      }
      if (!seen.add(id)) {
        duplicates++;
        return;
      }
      if (crops.size() >= maxRecords) {
        throw new IllegalStateException("the range holds more than " + maxRecords + " labelled crops (key "
            + io.ferstream.replay.config.ReplayConfig.MAX_RECORDS + "); replay a shorter range or raise the limit");
      }
      // AUTO and FEEDBACK take the feedback label whenever there is one.
      boolean viaFeedback = given >= 0 && policy != LabelPolicy.CROP;
      if (own >= 0 && given >= 0 && own != given) {
        conflicts++;
      }
      if (viaFeedback) {
        fromFeedback++;
      }
      ByteBuffer b = crop.getPixels().duplicate();
      byte[] pixels = new byte[b.remaining()];
      b.get(pixels);
      crops.add(new RecordedCrop(id, crop.getSessionId(), crop.getFrameNumber(), crop.getFaceIndex(),
          record.timestamp(), pixels, label, viaFeedback));
    }

    Recording result(double seconds) {
      crops.sort(RecordedCrop.SCORING_ORDER);
      return new Recording(crops, read, unlabelled, invalid, duplicates, fromFeedback, conflicts, seconds);
    }
  }
}
