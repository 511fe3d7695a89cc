package io.ferstream.ingest.source;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.schemas.Emotion;
import java.nio.file.Path;

/**
 * FerStream class indices (model module's {@link EmotionClasses}, the one place of the FER2013 mapping) to the
 * Avro {@link Emotion}. Both are in model-output order; the check at class load makes a drift between the two
 * fail loudly instead of mislabelling crops.
 */
public final class Emotions {

  private static final Emotion[] BY_INDEX = new Emotion[EmotionClasses.COUNT];

  static {
    if (Emotion.values().length != EmotionClasses.COUNT) {
      throw new IllegalStateException("Emotion has " + Emotion.values().length + " symbols, EmotionClasses "
          + EmotionClasses.COUNT);
    }
    for (int i = 0; i < EmotionClasses.COUNT; i++) {
      BY_INDEX[i] = Emotion.valueOf(EmotionClasses.name(i).toUpperCase(java.util.Locale.ROOT));
      if (BY_INDEX[i].ordinal() != i) {
        throw new IllegalStateException("Emotion " + BY_INDEX[i] + " is not at model output index " + i);
      }
    }
  }

  private Emotions() {
  }

  /** The emotion of a FerStream class index 0..5. */
  public static Emotion ofClassIndex(int index) {
    return BY_INDEX[index];
  }

  /**
   * The label a folder layout gives an image: the nearest parent folder named like a class ({@code happy/},
   * {@code Surprise/}), as in the common image-folder exports of FER2013; null when none is.
   */
  public static Emotion ofFolder(String relativePath) {
    Path parent = Path.of(relativePath).getParent();
    while (parent != null) {
      int index = EmotionClasses.indexOf(parent.getFileName().toString());
      if (index >= 0) {
        return BY_INDEX[index];
      }
      parent = parent.getParent();
    }
    return null;
  }
}
