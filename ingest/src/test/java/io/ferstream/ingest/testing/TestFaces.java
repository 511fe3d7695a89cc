package io.ferstream.ingest.testing;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.source.Emotions;
import io.ferstream.ingest.source.SyntheticFaces;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import io.ferstream.model.data.Usage;
import io.ferstream.schemas.Emotion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Known faces for tests: FER2013 faces (real people) read at test time from {@code ../shared/fer2013} when the
 * data set is there (it is never copied into the repository), otherwise drawn faces, which the detector is shown
 * to find ({@code CascadeFaceDetectorTest}).
 */
public final class TestFaces {

  /** A 48x48 face and its label. */
  public record Face(byte[] pixels, Emotion label, String origin) {
  }

  private static volatile Fer2013Data publicTest;

  private TestFaces() {
  }

  /** The shared FER2013 CSV, when this checkout has it ({@code -Dferstream.test.fer2013=off} pretends it has not). */
  public static Optional<Path> fer2013Csv() {
    if ("off".equals(System.getProperty("ferstream.test.fer2013"))) {
      return Optional.empty();
    }
    String root = System.getProperty("ferstream.repo.root");
    List<Path> candidates = new ArrayList<>();
    if (root != null) {
      candidates.add(Path.of(root).resolve("../shared/fer2013/fer2013-train-publictest.csv.gz"));
    }
    candidates.add(Path.of("../../shared/fer2013/fer2013-train-publictest.csv.gz"));
    candidates.add(Path.of("../shared/fer2013/fer2013-train-publictest.csv.gz"));
    return candidates.stream().map(Path::normalize).filter(Files::isRegularFile).findFirst();
  }

  /** The first {@code n} PublicTest rows, read once per JVM; empty without the data set. */
  public static Optional<Fer2013Data> fer2013PublicTest(int n) {
    Optional<Path> csv = fer2013Csv();
    if (csv.isEmpty()) {
      return Optional.empty();
    }
    Fer2013Data data = publicTest;
    if (data == null || data.size() < n) {
      try {
        data = Fer2013Reader.builder().usages(Usage.PUBLIC_TEST).limitPerUsage(Math.max(n, 200)).build()
            .read(csv.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      publicTest = data;
    }
    return Optional.of(data);
  }

  /**
   * {@code n} faces the default detector finds on their own when shown {@code side} px wide on a plain
   * background: FER2013 PublicTest faces in file order when the data set is present, else drawn faces.
   */
  public static List<Face> detectable(int n, int side) {
    List<Face> faces = new ArrayList<>();
    Optional<Fer2013Data> fer = fer2013PublicTest(200);
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults())) {
      if (fer.isPresent()) {
        Fer2013Data data = fer.get();
        for (int i = 0; i < data.size() && faces.size() < n; i++) {
          Face face = new Face(data.image(i), Emotions.ofClassIndex(data.label(i)), "fer2013 line " + data.lineNumber(i));
          if (foundAlone(detector, face, side)) {
            faces.add(face);
          }
        }
      } else {
        Random random = new Random(7);
        for (int i = 0; faces.size() < n; i++) {
          Emotion e = Emotion.values()[i % Emotion.values().length];
          faces.add(new Face(SyntheticFaces.crop(SyntheticFaces.Person.random(random), e, random), e, "synthetic " + i));
        }
      }
    }
    return faces;
  }

  /** True when FER2013 faces are used (else drawn ones). */
  public static boolean realFaces() {
    return fer2013Csv().isPresent();
  }

  static boolean foundAlone(CascadeFaceDetector detector, Face face, int side) {
    int w = side * 3;
    int h = side * 2;
    try (Mat frame = new Mat(h, w, CV_8UC1, new Scalar(110))) {
      paste(frame, face.pixels(), side, side, side / 2);
      FaceBox truth = new FaceBox(side, side / 2, side, side, w, h);
      return detector.detect(frame).stream().anyMatch(b -> b.iou(truth) >= 0.5);
    }
  }

  /** Upscales a 48x48 face to {@code side} px and pastes it with its top-left corner at (x, y). */
  public static void paste(Mat frame, byte[] face48, int side, int x, int y) {
    try (BytePointer data = new BytePointer(face48); Mat face = new Mat(Crop.SIDE, Crop.SIDE, CV_8UC1, data);
         Mat big = new Mat(); Rect where = new Rect(x, y, side, side); Mat roi = frame.apply(where)) {
      resize(face, big, new org.bytedeco.opencv.opencv_core.Size(side, side), 0, 0,
          side >= Crop.SIDE ? INTER_CUBIC : INTER_AREA);
      big.copyTo(roi);
    }
  }

  /** Normalised cross-correlation of two crops: 1 identical up to brightness and contrast, 0 unrelated. */
  public static double ncc(byte[] a, byte[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] & 0xff;
      mb += b[i] & 0xff;
    }
    ma /= a.length;
    mb /= b.length;
    double s = 0;
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = (a[i] & 0xff) - ma;
      double y = (b[i] & 0xff) - mb;
      s += x * y;
      sa += x * x;
      sb += y * y;
    }
    return s / Math.sqrt(sa * sb + 1e-9);
  }
}
