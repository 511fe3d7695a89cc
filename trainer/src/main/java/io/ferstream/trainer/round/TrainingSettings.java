package io.ferstream.trainer.round;

import io.ferstream.model.train.Augmentation;

/**
 * How a round trains each member of the candidate.
 *
 * @param fromScratch false: fine-tune the current member's weights; true: re-initialise (seeded) and train anew
 * @param epochs passes over the round's training set
 * @param learningRate Adam's learning rate (constant within a round: fine-tuning takes small steps)
 * @param batchSize images per step
 * @param seed seeds the initialisation, the shuffles, the augmentation and the dropout
 * @param augmentation random shifts, rotations, zooms and flips applied to every training image
 */
public record TrainingSettings(boolean fromScratch, int epochs, double learningRate, int batchSize, long seed,
    Augmentation augmentation) {

  public TrainingSettings {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("epochs and batchSize must be >= 1 and learningRate > 0: " + epochs + ", "
          + batchSize + ", " + learningRate);
    }
    if (augmentation == null) {
      throw new IllegalArgumentException("augmentation is required (Augmentation.none() for none)");
    }
  }
}
