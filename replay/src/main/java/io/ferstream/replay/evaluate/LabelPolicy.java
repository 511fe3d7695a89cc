package io.ferstream.replay.evaluate;

import java.util.Locale;

/** Where a replayed crop's ground truth comes from (key {@code replay.labels}, flag {@code --labels}). */
public enum LabelPolicy {
  /** labelled-feedback for the crop when there is one (a person's later statement), else the crop's own label. */
  AUTO,
  /** Only the label the crop was recorded with (FaceCrop.label, e.g. a FER2013 replay). */
  CROP,
  /** Only labelled-feedback joined on crop id. */
  FEEDBACK;

  public static LabelPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("labels must be auto, crop or feedback, was '" + text + "'", e);
    }
  }

  /** Whether labelled-feedback has to be read at all. */
  public boolean needsFeedback() {
    return this != CROP;
  }

  /**
   * @param cropLabel     the crop's own label, or -1
   * @param feedbackLabel the feedback label, or -1
   * @return the label to score against, or -1 when the crop has none under this policy
   */
  public int choose(int cropLabel, int feedbackLabel) {
    return switch (this) {
      case AUTO -> feedbackLabel >= 0 ? feedbackLabel : cropLabel;
      case CROP -> cropLabel;
      case FEEDBACK -> feedbackLabel;
    };
  }
}
