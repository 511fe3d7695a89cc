package io.ferstream.ingest.core;

import java.util.List;

/**
 * What a {@link Source} yields per call: the crops of one processed frame (or of one tick of a simulated
 * source, possibly for several sessions), and how many source frames were consumed to get there (frames
 * skipped by sampling included), so progress can be shown against the source's length.
 *
 * @param timestampMillis the frame's (or tick's) timestamp, epoch ms; drives real-time pacing
 * @param framesConsumed source frames (or rows) read since the previous step, at least 1
 * @param crops the crops, in publish order; empty for a frame without faces
 */
public record Step(long timestampMillis, long framesConsumed, List<Crop> crops) {

  public Step {
    crops = List.copyOf(crops);
  }
}
