package io.ferstream.ingest.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable crop ids: a name-based UUID of (session, frame number, face index). The same source, frame and face
 * always give the same id, whatever the run, the sampling rate or the time, so that re-publishing a video is
 * idempotent for consumers that deduplicate by crop id; different sessions never collide.
 */
public final class CropIds {

  private CropIds() {
  }

  public static String of(String sessionId, long frameNumber, int faceIndex) {
    // NUL separators: no session id can make "a" + "1" look like "a1" + "".
    String name = "ferstream-crop\0" + sessionId + "\0" + frameNumber + "\0" + faceIndex;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static String of(Crop crop) {
    return of(crop.sessionId(), crop.frameNumber(), crop.faceIndex());
  }
}
