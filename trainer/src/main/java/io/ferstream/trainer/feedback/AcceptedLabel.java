package io.ferstream.trainer.feedback;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the dedupe store remembers of the last example accepted for a crop: its label, its labeller and the SHA-256
 * of its pixels (the pixels themselves are in the training-examples topic).
 */
record AcceptedLabel(String label, String labeller, byte[] pixelsSha256) {

  AcceptedLabel {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(labeller, "labeller");
    Objects.requireNonNull(pixelsSha256, "pixelsSha256");
  }

  static byte[] sha256(byte[] pixels) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(pixels);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  boolean samePixels(AcceptedLabel other) {
    return Arrays.equals(pixelsSha256, other.pixelsSha256);
  }
}
