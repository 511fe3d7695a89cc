package io.ferstream.replay.evaluate;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.schemas.Emotion;

/** Avro {@link Emotion} to the model's class index (the one FER2013 mapping lives in {@link EmotionClasses}). */
public final class Labels {

  private Labels() {}

  /** The class index of {@code emotion}, or -1 for null. */
  public static int index(Emotion emotion) {
    if (emotion == null) {
      return -1;
    }
    int i = EmotionClasses.indexOf(emotion.name());
    if (i < 0) {
      throw new IllegalStateException("Emotion " + emotion + " is not one of the model's classes "
          + EmotionClasses.NAMES);
    }
    return i;
  }
}
