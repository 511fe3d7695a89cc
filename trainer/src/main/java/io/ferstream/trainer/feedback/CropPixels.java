package io.ferstream.trainer.feedback;

import java.util.Objects;

/** What the crop store keeps of a face crop: its session and its 48x48 pixels. */
record CropPixels(String sessionId, byte[] pixels) {

  CropPixels {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(pixels, "pixels");
  }
}
