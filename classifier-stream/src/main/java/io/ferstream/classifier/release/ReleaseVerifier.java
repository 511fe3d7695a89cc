package io.ferstream.classifier.release;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Checks a bundle against what its release announced: its size, when given, and its SHA-256. */
public final class ReleaseVerifier {

  private ReleaseVerifier() {}

  public static void verify(ReleaseCandidate candidate, byte[] bundle) throws ReleaseRejectedException {
    if (bundle.length == 0) {
      throw new ReleaseRejectedException("release " + candidate.releaseId() + ": the bundle is empty");
    }
    if (candidate.sizeBytes() > 0 && candidate.sizeBytes() != bundle.length) {
      throw new ReleaseRejectedException("release " + candidate.releaseId() + ": the bundle is " + bundle.length
          + " bytes, the release says " + candidate.sizeBytes());
    }
    if (candidate.sha256() == null) {
      return;
    }
    String actual = sha256(bundle);
    if (!actual.equals(candidate.sha256().trim().toLowerCase(Locale.ROOT))) {
      throw new ReleaseRejectedException("release " + candidate.releaseId() + ": SHA-256 mismatch, the bundle hashes "
          + "to " + actual + ", the release says " + candidate.sha256());
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
