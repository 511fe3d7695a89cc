package io.ferstream.ingest.source;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.theRNG;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.ferstream.ingest.core.Crop;
import io.ferstream.schemas.Emotion;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws cartoon faces with a given expression: head, hair, brows, eyes, nose and mouth shaped after the
 * facial action units of each emotion (raised or lowered brows, wide or narrowed eyes, mouth curve and
 * opening). Framed like a FER2013 crop (the face fills the square) and drawn with enough Haar-like contrast
 * that OpenCV's frontal-face cascades find them, so they also serve as a known face in tests when FER2013 is
 * absent. They are plainly not photographs: for demos and pipeline tests, not for judging a model.
 */
public final class SyntheticFaces {

  /** The look of one synthetic person, fixed for a session. */
  public record Person(double faceWidth, double faceHeight, double skin, double background, double hair,
                       double eyeSpacing, double mouthWidth, double intensity) {

    /** A random person; the same {@code random} state gives the same person. */
    public static Person random(Random random) {
      return new Person(0.38 + random.nextDouble() * 0.06, 0.48 + random.nextDouble() * 0.06,
          140 + random.nextInt(80), 40 + random.nextInt(90), 20 + random.nextInt(60),
          0.38 + random.nextDouble() * 0.08, 0.38 + random.nextDouble() * 0.10, 0.7 + random.nextDouble() * 0.3);
    }
  }

  private SyntheticFaces() {
  }

  /** A 48x48 crop, drawn at 4x and reduced so that edges are anti-aliased like a downscaled photo. */
  @SuppressWarnings({"unchecked", "try"}) // PointerScope: varargs constructor, used only for its close()
  public static byte[] crop(Person person, Emotion emotion, Random random) {
    // The scope frees every native Point, Size, Scalar and Mat the drawing allocates, now rather than at GC.
    try (PointerScope scope = new PointerScope(); Mat big = render(person, emotion, Crop.SIDE * 4, random);
         Mat small = new Mat(); Size size = new Size(Crop.SIDE, Crop.SIDE)) {
      resize(big, small, size, 0, 0, INTER_AREA);
      byte[] pixels = new byte[Crop.PIXELS];
      small.data().get(pixels);
      return pixels;
    }
  }

  /**
   * A {@code side}x{@code side} 8-bit grayscale face; {@code random} adds per-frame jitter (position, size,
   * sensor noise) so that consecutive frames of one person are not identical.
   */
  public static Mat render(Person p, Emotion emotion, int side, Random random) {
    double s = side;
    Mat m = new Mat(side, side, CV_8UC1, gray(p.background()));
    double cx = s / 2 + (random.nextDouble() - 0.5) * s * 0.04;
    double cy = s * 0.54 + (random.nextDouble() - 0.5) * s * 0.03;
    double jitter = 1 + (random.nextDouble() - 0.5) * 0.04;
    double fw = s * p.faceWidth() * jitter;
    double fh = s * p.faceHeight() * jitter;
    double skin = p.skin();
    Shape e = Shape.of(emotion, p.intensity());

    // Hair behind the top of the head, then the head.
    ellipse(m, pt(cx, cy - fh * 0.25), size(fw * 1.08, fh * 0.85), 0, 180, 360, gray(p.hair()), FILLED, LINE_AA, 0);
    ellipse(m, pt(cx, cy), size(fw, fh), 0, 0, 360, gray(skin), FILLED, LINE_AA, 0);

    double eyeY = cy - fh * 0.18;
    double eyeDx = fw * p.eyeSpacing() * 1.1;
    double eyeW = fw * 0.20;
    double eyeH = fw * 0.09;
    int stroke = Math.max(2, (int) Math.round(s * 0.025));
    for (int sign = -1; sign <= 1; sign += 2) {
      double ex = cx + sign * eyeDx;
      ellipse(m, pt(ex, eyeY), size(eyeW, Math.max(1, eyeH * e.eyeOpen)), 0, 0, 360, gray(Math.min(250, skin + 30)),
          FILLED, LINE_AA, 0);
      circle(m, pt(ex, eyeY), (int) Math.round(eyeH * Math.min(1.0, e.eyeOpen) * 0.95), gray(skin * 0.2), FILLED,
          LINE_AA, 0);
      // Brows: the inner end (near the nose) moves with the emotion, the outer end less.
      double browY = eyeY - fh * 0.16 - e.browLift * fh;
      line(m, pt(cx + sign * fw * 0.14, browY + e.browInnerDown * fh),
          pt(cx + sign * fw * 0.68, browY - e.browInnerDown * fh * 0.3), gray(skin * 0.3), stroke, LINE_AA, 0);
    }
    // Nose: a shaded ridge and the nostrils' shadow.
    line(m, pt(cx, eyeY + fh * 0.05), pt(cx - fw * 0.06, cy + fh * 0.18), gray(skin * 0.75),
        Math.max(1, (int) Math.round(s * 0.012)), LINE_AA, 0);
    ellipse(m, pt(cx, cy + fh * 0.2), size(fw * 0.14, fh * 0.04), 0, 0, 180, gray(skin * 0.55),
        Math.max(1, (int) Math.round(s * 0.012)), LINE_AA, 0);
    drawMouth(m, cx, cy + fh * 0.45, fw * p.mouthWidth() * 2 * e.mouthWidth, fh, e, skin, stroke + 1);

    GaussianBlur(m, m, new Size(0, 0), s / 96.0);
    addNoise(m, 3 + random.nextDouble() * 4, random);
    return m;
  }

  private static void drawMouth(Mat m, double cx, double my, double width, double fh, Shape e, double skin, int stroke) {
    Scalar dark = gray(skin * 0.18);
    if (e.mouthOpen > 0.1) {
      // An open mouth: a dark oval (surprise, fear).
      ellipse(m, pt(cx, my), size(width * 0.5, fh * e.mouthOpen * 0.5), 0, 0, 360, dark, FILLED, LINE_AA, 0);
      return;
    }
    // A lip line bent by the emotion: up at the corners (happy) or down (sad, angry).
    int n = 12;
    Point prev = null;
    for (int i = 0; i <= n; i++) {
      double t = -1 + 2.0 * i / n;
      double y = my - e.mouthCurve * fh * (t * t) + e.mouthCurve * fh * 0.5;
      Point q = pt(cx + t * width * 0.5, y);
      if (prev != null) {
        line(m, prev, q, gray(skin * 0.25), stroke, LINE_AA, 0);
      }
      prev = q;
    }
    if (e.mouthOpen > 0) {
      // Teeth-less open smile: the lower half of an oval under the lip line.
      ellipse(m, pt(cx, my + e.mouthCurve * fh * 0.3), size(width * 0.35, fh * e.mouthOpen), 0, 0, 180, dark,
          FILLED, LINE_AA, 0);
    }
  }

  /** Geometry of an expression, scaled by the person's intensity. */
  private record Shape(double browInnerDown, double browLift, double eyeOpen, double mouthCurve, double mouthOpen,
                       double mouthWidth) {

    static Shape of(Emotion emotion, double k) {
      return switch (emotion) {
        case ANGRY -> new Shape(0.10 * k, -0.03 * k, 1 - 0.25 * k, -0.03 * k, 0, 0.85);
        case FEAR -> new Shape(-0.08 * k, 0.07 * k, 1 + 0.35 * k, 0, 0.06 * k, 1.1);
        case HAPPY -> new Shape(0, 0, 1 - 0.2 * k, 0.14 * k, 0.04 * k, 1.25);
        case SAD -> new Shape(-0.10 * k, 0, 1 - 0.15 * k, -0.09 * k, 0, 0.95);
        case SURPRISE -> new Shape(0, 0.10 * k, 1 + 0.5 * k, 0, 0.12 + 0.08 * k, 0.65);
        case NEUTRAL -> new Shape(0, 0, 1, 0, 0, 1);
      };
    }
  }

  private static void addNoise(Mat m, double sigma, Random random) {
    try (Mat noise = new Mat(m.rows(), m.cols(), CV_16SC1); Mat wide = new Mat();
         Mat mean = new Mat(1, 1, CV_64F, new Scalar(0)); Mat std = new Mat(1, 1, CV_64F, new Scalar(sigma))) {
      // OpenCV's RNG is global; seed it from our Random so that a seeded run draws the same noise.
      theRNG().state(random.nextInt());
      randn(noise, mean, std);
      // In 16 bits, so that noise darkens as well as brightens; converting back saturates to 0..255.
      m.convertTo(wide, CV_16SC1);
      add(wide, noise, wide);
      wide.convertTo(m, CV_8UC1);
    }
  }

  private static Scalar gray(double v) {
    return new Scalar(v, v, v, 0);
  }

  private static Point pt(double x, double y) {
    return new Point((int) Math.round(x), (int) Math.round(y));
  }

  private static Size size(double w, double h) {
    return new Size((int) Math.round(w), (int) Math.round(h));
  }
}
