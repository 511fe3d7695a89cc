package io.ferstream.trainer.feedback;

/** Why a labelled-feedback record was dead-lettered; each reason is counted apart in {@link FeedbackCounters}. */
public enum DeadLetterReason {
  /** The bytes are not a LabelledFeedback in Confluent's wire format (or their schema id is unknown). */
  UNDECODABLE("undecodable"),
  /** The writer's label is not one of the six classes (e.g. FER2013's DISGUST), or the record has no label. */
  INVALID_LABEL("invalid-label"),
  /** The record carries pixels, but not 48x48 = 2,304 of them. */
  INVALID_PIXELS("invalid-pixels"),
  /** A required field is missing or blank (crop id, labeller), or the record has no value. */
  INVALID_FIELD("invalid-field"),
  /** The record carries no pixels and the crop store has no crop of that id: never seen, or older than retention. */
  UNKNOWN_OR_EXPIRED_CROP("unknown-or-expired-crop");

  private final String label;

  DeadLetterReason(String label) {
    this.label = label;
  }

  /** The reason as counter names and the reason header show it: lowercase words joined by dashes. */
  public String label() {
    return label;
  }
}
