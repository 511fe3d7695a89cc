package io.ferstream.classifier.topology;

import io.ferstream.schemas.FaceCrop;

/**
 * A valid crop waiting in a task's logged pending store for its micro-batch.
 *
 * @param seq the task-local sequence number, also the store key: store order is arrival order
 * @param crop the crop as received
 * @param pixels its 2304 pixel bytes
 * @param recordTimestamp the input record's timestamp, which the event keeps
 * @param enqueuedAtMs wall-clock time the crop entered its micro-batch
 */
public record PendingCrop(long seq, FaceCrop crop, byte[] pixels, long recordTimestamp, long enqueuedAtMs) {}
