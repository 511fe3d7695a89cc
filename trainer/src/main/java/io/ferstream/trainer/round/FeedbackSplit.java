package io.ferstream.trainer.round;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits feedback into examples to train on and examples held back for the gate, by a hash of the crop id: a crop
 * is on the same side in every round, so the gate never judges a candidate on a label it (or an ancestor) trained on,
 * and the held-back share stays stable as the buffer grows.
 */
public final class FeedbackSplit {

  private final int heldBackPercent;

  public FeedbackSplit(int heldBackPercent) {
    if (heldBackPercent < 1 || heldBackPercent > 90) {
      throw new IllegalArgumentException("held-back percent must be in 1..90, was " + heldBackPercent);
    }
    this.heldBackPercent = heldBackPercent;
  }

  /** The two sides of a split. */
  public record Parts(List<FeedbackExample> train, List<FeedbackExample> heldBack) {}

  public Parts split(List<FeedbackExample> examples) {
    List<FeedbackExample> train = new ArrayList<>();
    List<FeedbackExample> held = new ArrayList<>();
    for (FeedbackExample e : examples) {
      (isHeldBack(e.cropId()) ? held : train).add(e);
    }
    return new Parts(List.copyOf(train), List.copyOf(held));
  }

  public boolean isHeldBack(String cropId) {
    return bucket(cropId) < heldBackPercent;
  }

  /** 0..99 from the first bytes of SHA-256(cropId): well mixed even for sequential ids, the same on every JVM. */
  static int bucket(String cropId) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(cropId.getBytes(StandardCharsets.UTF_8));
      long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
      return (int) (v % 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
