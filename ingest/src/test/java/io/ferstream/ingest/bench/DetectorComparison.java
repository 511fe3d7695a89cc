package io.ferstream.ingest.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.theRNG;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.Cascade;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.VideoFrame;
import io.ferstream.ingest.frame.VideoInput;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.model.data.Fer2013Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Compares the bundled cascades (docs/ingest.md, "Choice of detector"): recall on real faces (FER2013 PublicTest
 * faces, 160 px, placed in 720p frames on a textured background), how well the box matches FER2013's framing, and
 * false detections and speed on real footage without large frontal faces (opencv-doc's vtest.avi, pedestrians)
 * and with them (Megamind.avi, an animated film clip). Parts whose data is missing are skipped.
 *
 * <pre>mvn -q -pl ingest test-compile exec:java -Dexec.mainClass=io.ferstream.ingest.bench.DetectorComparison -Dexec.args=150</pre>
 */
public final class DetectorComparison {

  static final Path OPENCV_DOC = Path.of("/usr/share/doc/opencv-doc/examples/data");

  public static void main(String[] args) throws Exception {
    int faces = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Fer2013Data fer = TestFaces.fer2013PublicTest(faces).orElse(null);
    System.out.println("| detector | FER2013 recall | box side / FER side | crop vs original (NCC) "
        + "| false faces per 100 frames, vtest.avi | Megamind.avi frames with a face | CPU ms per 720p frame |");
    System.out.println("|---|---|---|---|---|---|---|");
    List<DetectorSettings> candidates = List.of(
        DetectorSettings.defaults(),
        DetectorSettings.defaults().withMinNeighbors(3),
        DetectorSettings.defaults().withScaleFactor(1.2),
        DetectorSettings.defaults().withCascade(Cascade.HAAR_DEFAULT),
        DetectorSettings.defaults().withCascade(Cascade.HAAR_ALT),
        DetectorSettings.defaults().withCascade(Cascade.LBP_IMPROVED),
        DetectorSettings.defaults().withCascade(Cascade.LBP));
    for (DetectorSettings s : candidates) {
      try (CascadeFaceDetector detector = new CascadeFaceDetector(s)) {
        String name = s.cascade().cliName() + " n=" + s.minNeighbors() + " scale=" + s.scaleFactor();
        String recall = "-";
        String size = "-";
        String ncc = "-";
        double ms = Double.NaN;
        if (fer != null) {
          double[] r = fer(detector, fer, Math.min(faces, fer.size()));
          recall = String.format(Locale.ROOT, "%.1f%% (%d)", r[0] * 100, Math.min(faces, fer.size()));
          size = String.format(Locale.ROOT, "%.2f", r[1]);
          ncc = String.format(Locale.ROOT, "%.2f", r[2]);
          ms = r[3];
        }
        String fp = video(detector, OPENCV_DOC.resolve("vtest.avi"), 6, false);
        String mm = video(detector, OPENCV_DOC.resolve("Megamind.avi"), 3, true);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f |%n", name, recall, size, ncc, fp, mm, ms);
      }
    }
  }

  /** Recall, mean box side / face side, mean NCC of the margin-0 crop with the original, ms per frame. */
  static double[] fer(CascadeFaceDetector detector, Fer2013Data fer, int n) {
    Random random = new Random(1);
    int found = 0;
    double size = 0;
    double ncc = 0;
    long nanos = 0;
    int side = 160;
    try (Mat background = background(); Mat frame = new Mat(); CropMaker maker = new CropMaker(0)) {
      for (int i = 0; i < n; i++) {
        background.copyTo(frame);
        int x = 100 + random.nextInt(1280 - side - 200);
        int y = 50 + random.nextInt(720 - side - 100);
        TestFaces.paste(frame, fer.image(i), side, x, y);
        long t0 = cpuNanos();
        List<FaceBox> boxes = detector.detect(frame);
        nanos += cpuNanos() - t0;
        FaceBox truth = new FaceBox(x, y, side, side, 1280, 720);
        // Centre within a quarter side: the LBP cascades frame faces tighter, so IoU would wrong them.
        FaceBox hit = boxes.stream().filter(b -> Math.abs(b.centerX() - truth.centerX()) < side / 4.0
            && Math.abs(b.centerY() - truth.centerY()) < side / 4.0).findFirst().orElse(null);
        if (hit != null) {
          found++;
          size += hit.width() / (double) side;
          ncc += TestFaces.ncc(maker.crop(frame, hit), fer.image(i));
        }
      }
    }
    return new double[] {found / (double) n, size / Math.max(1, found), ncc / Math.max(1, found),
        nanos / 1e6 / n};
  }

  /** CPU time of the process (OpenCV's worker threads included): wall time means little on a shared machine. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Detections per 100 frames (or % of frames with a face), every {@code step}-th frame. */
  static String video(CascadeFaceDetector detector, Path file, int step, boolean framesWithFace) throws Exception {
    if (!Files.isRegularFile(file)) {
      return "- (no opencv-doc)";
    }
    long frames = 0;
    long detections = 0;
    long withFace = 0;
    try (FFmpegFrameSource source = FFmpegFrameSource.open(VideoInput.file(file), new IngestStats())) {
      for (VideoFrame f = source.next(); f != null; f = source.next()) {
        if (f.index() % step != 0) {
          continue;
        }
        frames++;
        int n = detector.detect(f.gray()).size();
        detections += n;
        withFace += n > 0 ? 1 : 0;
      }
    }
    return framesWithFace ? String.format(Locale.ROOT, "%.0f%% (%.2f faces/frame)", 100.0 * withFace / frames,
        detections / (double) frames) : String.format(Locale.ROOT, "%.1f", 100.0 * detections / frames);
  }

  static Mat background() {
    Mat noise = new Mat(720, 1280, CV_8UC1);
    theRNG().state(4321);
    try (Mat mean = new Mat(1, 1, CV_64F, new Scalar(120)); Mat std = new Mat(1, 1, CV_64F, new Scalar(60));
         Mat noMask = new Mat()) {
      randn(noise, mean, std);
      GaussianBlur(noise, noise, new Size(0, 0), 9);
      normalize(noise, noise, 60, 180, NORM_MINMAX, -1, noMask);
    }
    return noise;
  }
}
