package io.ferstream.ingest.core;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Anything ingest can read crops from: a video decoded and run through face detection, a folder of images,
 * a FER2013 replay, a synthetic generator. One thread calls it; {@link #close()} releases native resources.
 */
public interface Source extends AutoCloseable {

  /** The next step, or null when the source is exhausted. Problems with single frames are counted, not thrown. */
  Step next() throws IOException;

  /** How many frames (or rows) the source holds, when known: the progress bar's 100%; empty for endless sources. */
  OptionalLong expectedFrames();

  /** True when frames arrive in real time by themselves (camera, network stream): pacing would only add delay. */
  default boolean live() {
    return false;
  }

  /** Producer metadata for every crop: {@code source.type}, {@code source.uri}, detector settings, .... */
  Map<String, String> metadata();

  @Override
  void close();
}
