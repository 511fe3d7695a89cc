package io.ferstream.classifier.testing;

import io.ferstream.schemas.FaceCrop;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/** Face crops for tests. */
public final class Crops {

  private Crops() {}

  /** A valid 48x48 crop whose pixels are all {@code firstPixel} (so {@link TestEngine} predicts its class). */
  public static FaceCrop crop(String sessionId, long frame, int firstPixel) {
    byte[] pixels = new byte[48 * 48];
    Arrays.fill(pixels, (byte) firstPixel);
    return crop(sessionId, frame, pixels, 48, 48);
  }

  public static FaceCrop crop(String sessionId, long frame, byte[] pixels, int width, int height) {
    long now = System.currentTimeMillis();
    return FaceCrop.newBuilder()
        .setCropId(sessionId + "-" + frame)
        .setSessionId(sessionId)
        .setFrameTimestamp(Instant.ofEpochMilli(now))
        .setFrameNumber(frame)
        .setFaceIndex(0)
        .setWidth(width)
        .setHeight(height)
        .setPixels(ByteBuffer.wrap(pixels))
        .setIngestTimestamp(Instant.ofEpochMilli(now))
        .setProducer(Map.of("source", "test"))
        .build();
  }
}
