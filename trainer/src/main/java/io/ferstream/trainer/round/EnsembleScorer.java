package io.ferstream.trainer.round;

import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.release.Ensemble;
import io.ferstream.model.release.ReleaseBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts classes with a release, the way the classifier does (the bundle's preprocessing, test-time augmentation
 * and mean of member softmaxes), on the SameDiff engine when asked and possible (several times faster on CPU; the
 * model module checks it against DL4J when converting), else on DL4J.
 */
public final class EnsembleScorer {

  private static final Logger log = LoggerFactory.getLogger(EnsembleScorer.class);
  private static final int BATCH = 256;

  private final Ensemble ensemble;

  private EnsembleScorer(Ensemble ensemble) {
    this.ensemble = ensemble;
  }

  public static EnsembleScorer load(Path bundle, boolean sameDiff) throws IOException {
    return of(ReleaseBundle.load(bundle), sameDiff);
  }

  public static EnsembleScorer of(ReleaseBundle bundle, boolean sameDiff) {
    Ensemble e = Ensemble.of(bundle);
    if (sameDiff) {
      try {
        e = e.onSameDiff();
      } catch (RuntimeException ex) {
        log.warn("Scoring {} on DL4J: the SameDiff engine cannot serve it ({})", bundle.releaseId(), ex.toString());
      }
    }
    return new EnsembleScorer(e);
  }

  public String releaseId() {
    return ensemble.releaseId();
  }

  /** Predicted class of every image in {@code data}. */
  public int[] predict(Fer2013Data data) {
    return predict(data.pixels(), data.size());
  }

  /** Predicted class of {@code n} images laid end to end in {@code pixels}. */
  public int[] predict(byte[] pixels, int n) {
    int[] out = new int[n];
    for (int start = 0; start < n; start += BATCH) {
      int count = Math.min(BATCH, n - start);
      byte[][] crops = new byte[count][];
      for (int i = 0; i < count; i++) {
        int from = (start + i) * Fer2013Data.PIXELS;
        crops[i] = Arrays.copyOfRange(pixels, from, from + Fer2013Data.PIXELS);
      }
      float[][] probs = ensemble.predictProbabilities(crops);
      for (int i = 0; i < count; i++) {
        out[start + i] = argmax(probs[i]);
      }
    }
    return out;
  }

  static int argmax(float[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
