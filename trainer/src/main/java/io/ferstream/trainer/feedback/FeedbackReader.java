package io.ferstream.trainer.feedback;

import io.ferstream.common.streams.errors.ErrorClassifier;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.LabelledFeedback;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates one labelled-feedback value: Confluent wire format, a known schema, a label that is one of
 * the six classes <em>as the writer wrote it</em>, a crop id, a labeller, and either no pixels or exactly 48x48.
 *
 * <p>Why the writer's label is checked apart: {@code Emotion} has the Avro enum default {@code NEUTRAL}, so reading
 * a record whose writer schema has another symbol (FER2013's {@code DISGUST}) into {@link LabelledFeedback}
 * silently yields {@code NEUTRAL}; training on it would teach the model a wrong label. Only a {@code NEUTRAL} result
 * can be such a stand-in, so only then is the record read again with its writer's own schema to see the symbol.
 *
 * <p>A failure that is not the record's fault (the Schema Registry unreachable; {@link ErrorClassifier}) is thrown
 * as is, so the task fails and the record is retried instead of being dead-lettered.
 */
final class FeedbackReader {

  /** Bytes of a 48x48 grayscale crop. */
  static final int PIXELS = 48 * 48;

  private final String topic;
  private final Deserializer<LabelledFeedback> specific;
  private final Deserializer<GenericRecord> generic;

  FeedbackReader(String topic, Deserializer<LabelledFeedback> specific, Deserializer<GenericRecord> generic) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.specific = Objects.requireNonNull(specific, "specific");
    this.generic = Objects.requireNonNull(generic, "generic");
  }

  /**
   * @return the valid feedback
   * @throws InvalidFeedbackException when the value cannot be used, with the reason
   */
  LabelledFeedback read(byte[] value) {
    if (value == null) {
      throw new InvalidFeedbackException(DeadLetterReason.INVALID_FIELD, "record has no value");
    }
    LabelledFeedback feedback = decode(value);
    if (feedback.getLabel() == Emotion.NEUTRAL) {
      String written = writerLabel(value);
      if (!Emotion.NEUTRAL.name().equals(written)) {
        throw new InvalidFeedbackException(DeadLetterReason.INVALID_LABEL, "feedback for crop "
            + feedback.getCropId() + " has label " + written + ", not one of the six classes "
            + Arrays.toString(Emotion.values()) + " (Avro would have read it as the default NEUTRAL)");
      }
    }
    validate(feedback);
    return feedback;
  }

  private LabelledFeedback decode(byte[] value) {
    Object decoded;
    try {
      decoded = specific.deserialize(topic, value);
    } catch (RuntimeException e) {
      throw undecodableUnlessTransient(e);
    }
    if (!(decoded instanceof LabelledFeedback feedback)) {
      throw new InvalidFeedbackException(DeadLetterReason.UNDECODABLE, "value decodes to "
          + (decoded == null ? "null" : decoded.getClass().getName()) + ", not a LabelledFeedback record");
    }
    return feedback;
  }

  /** The label symbol in the writer's own schema, or a description of why there is none. */
  private String writerLabel(byte[] value) {
    GenericRecord record;
    try {
      record = generic.deserialize(topic, value);
    } catch (RuntimeException e) {
      throw undecodableUnlessTransient(e);
    }
    Schema.Field field = record == null ? null : record.getSchema().getField("label");
    if (field == null) {
      return "(none: the writer's schema has no label field)";
    }
    Object label = record.get(field.pos());
    return label == null ? "null" : label.toString();
  }

  private static RuntimeException undecodableUnlessTransient(RuntimeException e) {
    if (ErrorClassifier.isTransient(e)) {
      return e;
    }
    return new InvalidFeedbackException(DeadLetterReason.UNDECODABLE, "cannot decode a LabelledFeedback: " + e, e);
  }

  private static void validate(LabelledFeedback feedback) {
    if (isBlank(feedback.getCropId())) {
      throw new InvalidFeedbackException(DeadLetterReason.INVALID_FIELD, "feedback has no crop id");
    }
    if (isBlank(feedback.getLabeller())) {
      throw new InvalidFeedbackException(DeadLetterReason.INVALID_FIELD, "feedback for crop " + feedback.getCropId()
          + " has no labeller");
    }
    ByteBuffer pixels = feedback.getPixels();
    if (pixels != null && pixels.remaining() != PIXELS) {
      throw new InvalidFeedbackException(DeadLetterReason.INVALID_PIXELS, "feedback for crop " + feedback.getCropId()
          + " carries " + pixels.remaining() + " pixel bytes, expected " + PIXELS + " (48x48), or none to look the "
          + "crop up");
    }
  }

  private static boolean isBlank(CharSequence s) {
    return s == null || s.toString().isBlank();
  }

  /** A copy of a buffer's remaining bytes. */
  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
