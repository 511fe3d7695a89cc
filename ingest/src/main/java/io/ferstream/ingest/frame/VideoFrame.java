package io.ferstream.ingest.frame;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded frame. The image belongs to the {@link FrameSource}: it is valid until the next call of
 * {@link FrameSource#next()} (no per-frame copy of native memory).
 *
 * @param index 0-based index of the frame in the source (every decoded frame counts, sampled or not)
 * @param micros the frame's time from the start of the source, in microseconds, never decreasing
 * @param gray 8-bit single-channel image
 * @param ref what the frame is in the source (an image's file name), or null
 */
public record VideoFrame(long index, long micros, Mat gray, String ref) {
}
