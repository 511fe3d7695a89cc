package io.ferstream.trainer.round;

/**
 * One epoch of a member's training in a round: the mean cross-entropy and accuracy measured on the epoch's sampled
 * (augmented) batches just before each update.
 */
public record EpochPoint(int epoch, double loss, double accuracy) {}
