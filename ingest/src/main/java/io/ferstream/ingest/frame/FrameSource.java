package io.ferstream.ingest.frame;

import java.io.IOException;
import java.util.OptionalLong;

/** Decoded grayscale frames of a video, camera, stream or image folder, in order. One thread calls it. */
public interface FrameSource extends AutoCloseable {

  /** The next frame, or null at the end. Damaged frames are counted and skipped, not thrown. */
  VideoFrame next() throws IOException;

  /** Frames the source announces (a file's length), when known. */
  OptionalLong expectedFrames();

  /** Frames per second the source announces, or 0 when unknown. */
  double frameRate();

  /** True when frames arrive in real time (camera, network stream). */
  boolean live();

  /** The source's URI or path, for messages and metadata. */
  String uri();

  @Override
  void close();
}
