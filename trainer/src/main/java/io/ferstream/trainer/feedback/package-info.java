/**
 * The trainer's training buffer: {@link io.ferstream.trainer.feedback.FeedbackTopology} joins labelled-feedback with
 * the pixels of face-crops, validates and de-duplicates it, and publishes {@code TrainingExample}s to the compacted
 * training-examples topic; unusable feedback goes to labelled-feedback-dlq. {@link
 * io.ferstream.trainer.feedback.FeedbackSettings} configures it, {@link io.ferstream.trainer.feedback.FeedbackCounters}
 * counts what it does.
 */
package io.ferstream.trainer.feedback;
