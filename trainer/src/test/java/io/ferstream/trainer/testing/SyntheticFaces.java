package io.ferstream.trainer.testing;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Synthetic 48x48 "faces" whose class is a bright band: horizontal bands (rows 8c..8c+7) are the domain the first
 * release is trained on, vertical bands (columns 8c..8c+7) a new domain that only feedback teaches. A release that
 * knows only horizontal bands is near chance on vertical ones, so correct feedback on them measurably helps and
 * random labels on them cannot.
 */
public final class SyntheticFaces {

  public enum Domain { HORIZONTAL, VERTICAL }

  private SyntheticFaces() {}

  public static byte[] image(Domain domain, int label, SplittableRandom rnd) {
    byte[] px = new byte[Fer2013Data.PIXELS];
    for (int y = 0; y < Fer2013Data.SIDE; y++) {
      for (int x = 0; x < Fer2013Data.SIDE; x++) {
        int along = domain == Domain.HORIZONTAL ? y : x;
        boolean band = along / 8 == label;
        int v = (band ? 200 : 50) + rnd.nextInt(-30, 31);
        px[y * Fer2013Data.SIDE + x] = (byte) Math.max(0, Math.min(255, v));
      }
    }
    return px;
  }

  /** {@code n} images with labels cycling through the 6 classes. */
  public static Fer2013Data data(Domain domain, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] pixels = new byte[n * Fer2013Data.PIXELS];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = i % EmotionClasses.COUNT;
      System.arraycopy(image(domain, label, rnd), 0, pixels, i * Fer2013Data.PIXELS, Fer2013Data.PIXELS);
      labels[i] = (byte) label;
    }
    return Fer2013Data.ofArrays(pixels, labels);
  }

  /**
   * Writes a fer2013-format CSV (emotion,pixels,Usage; FER2013 label numbers, so class c of the 6 is written as its
   * FER2013 code) with {@code training} rows as Training and {@code publicTest} rows as PublicTest.
   */
  public static Path writeCsv(Path file, Fer2013Data training, Fer2013Data publicTest) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write("emotion,pixels,Usage\n");
      rows(w, training, "Training");
      rows(w, publicTest, "PublicTest");
    }
    return file;
  }

  private static void rows(Writer w, Fer2013Data d, String usage) throws IOException {
    for (int i = 0; i < d.size(); i++) {
      StringBuilder sb = new StringBuilder();
      sb.append(ferCode(d.label(i))).append(",\"");
      byte[] img = d.image(i);
      for (int p = 0; p < img.length; p++) {
        if (p > 0) {
          sb.append(' ');
        }
        sb.append(img[p] & 0xff);
      }
      sb.append("\",").append(usage).append('\n');
      w.write(sb.toString());
    }
  }

  /** FER2013's codes: 0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral; ours skip Disgust. */
  static int ferCode(int label) {
    return label == 0 ? 0 : label + 1;
  }
}
