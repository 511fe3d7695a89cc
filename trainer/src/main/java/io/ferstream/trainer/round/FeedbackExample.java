package io.ferstream.trainer.round;

import io.ferstream.model.data.Fer2013Data;
import io.ferstream.schemas.TrainingExample;
import java.nio.ByteBuffer;

/**
 * One labelled crop from the training buffer, as a round uses it.
 *
 * @param label class index in model-output order (the {@code Emotion} enum's order)
 */
public record FeedbackExample(String cropId, int label, String labeller, byte[] pixels) {

  public FeedbackExample {
    if (pixels.length != Fer2013Data.PIXELS) {
      throw new IllegalArgumentException("crop " + cropId + " has " + pixels.length + " pixels, not "
          + Fer2013Data.PIXELS);
    }
    if (label < 0 || label >= io.ferstream.model.data.EmotionClasses.COUNT) {
      throw new IllegalArgumentException("label " + label + " out of range");
    }
  }

  public static FeedbackExample of(TrainingExample e) {
    ByteBuffer b = e.getPixels().duplicate();
    byte[] px = new byte[b.remaining()];
    b.get(px);
    return new FeedbackExample(e.getCropId(), e.getLabel().ordinal(), e.getLabeller(), px);
  }
}
