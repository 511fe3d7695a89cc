package io.ferstream.trainer.round;

import io.ferstream.trainer.gate.GateSettings;

/**
 * Everything a round needs to know besides its data.
 *
 * @param training how members are trained
 * @param replayRatio base (FER2013 Training) images mixed in per feedback image when base data is given: rehearsal
 *     against forgetting what the release already knows
 * @param heldBackPercent share of feedback (by crop-id hash) never trained on and used by the gate
 * @param minTrainExamples fewer feedback examples to train on than this and the round is skipped
 * @param gate the promotion gate
 * @param sameDiffScoring score with the SameDiff engine where possible
 */
public record RoundSettings(TrainingSettings training, double replayRatio, int heldBackPercent, int minTrainExamples,
    GateSettings gate, boolean sameDiffScoring) {

  public RoundSettings {
    if (!(replayRatio >= 0) || replayRatio > 100) {
      throw new IllegalArgumentException("replayRatio must be in [0, 100], was " + replayRatio);
    }
    if (minTrainExamples < 1) {
      throw new IllegalArgumentException("minTrainExamples must be >= 1, was " + minTrainExamples);
    }
  }
}
