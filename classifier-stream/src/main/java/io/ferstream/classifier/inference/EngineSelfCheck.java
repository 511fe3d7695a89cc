package io.ferstream.classifier.inference;

import io.ferstream.classifier.release.ReleaseRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The checks a release's engine passes before it can go live: the warm-up crops (seeded random pixels, so every
 * load checks the same batch and two engines can be compared on it), and the probability rows they give.
 */
final class EngineSelfCheck {

  /** Pixels per 48x48 crop. */
  static final int PIXELS = 48 * 48;

  private EngineSelfCheck() {}

  /**
   * {@code n} crops: one black, the rest seeded random noise. Distinct crops make a comparison of two engines
   * meaningful (identical crops would hide a mix-up of rows), and a fixed seed makes it repeatable.
   */
  static List<byte[]> crops(int n) {
    Random random = new Random(20261129L);
    List<byte[]> crops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] p = new byte[PIXELS];
      if (i > 0) {
        random.nextBytes(p);
      }
      crops.add(p);
    }
    return crops;
  }

  /** Every row must be finite and sum to 1 (softmax outputs averaged). */
  static void checkProbabilities(String releaseId, float[][] rows) throws ReleaseRejectedException {
    for (float[] row : rows) {
      if (row.length != InferenceEngine.CLASSES) {
        throw new ReleaseRejectedException("release " + releaseId + " outputs rows of " + row.length + " classes, not "
            + InferenceEngine.CLASSES);
      }
      double sum = 0;
      for (float v : row) {
        if (!Float.isFinite(v)) {
          throw new ReleaseRejectedException("release " + releaseId + " outputs non-finite probabilities");
        }
        sum += v;
      }
      if (Math.abs(sum - 1.0) > 1e-3) {
        throw new ReleaseRejectedException("release " + releaseId + " outputs rows summing to " + sum);
      }
    }
  }

  /** Largest absolute difference between two probability tables of the same shape (infinity if they differ). */
  static double maxAbsDiff(float[][] a, float[][] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != b[i].length) {
        return Double.POSITIVE_INFINITY;
      }
      for (int j = 0; j < a[i].length; j++) {
        double d = Math.abs(a[i][j] - b[i][j]);
        if (!(d <= max)) { // NaN counts as the largest difference
          max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
      }
    }
    return max;
  }
}
