package io.ferstream.classifier.topology;

/**
 * A crop with its ensemble probabilities, waiting for its own task to forward it.
 *
 * @param pending the crop
 * @param probabilities the averaged probabilities, one per class in model output order
 * @param releaseId the release that scored it
 * @param ensembleSize the members averaged
 * @param batchSize the crops in its micro-batch
 * @param queueDelayMs how long it waited before inference started
 * @param classifiedAtMs when inference of its batch finished
 */
public record ScoredCrop(PendingCrop pending, float[] probabilities, String releaseId, int ensembleSize,
    int batchSize, long queueDelayMs, long classifiedAtMs) {}
