package io.ferstream.ingest.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.theRNG;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.source.SyntheticFaces;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.schemas.Emotion;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CascadeFaceDetectorTest {

  private static final Logger log = LoggerFactory.getLogger(CascadeFaceDetectorTest.class);

  /** The drawn faces stand in for real ones in tests without FER2013: the detector must find them. */
  @Test
  void shouldFindDrawnFacesOfEveryExpression() {
    Random random = new Random(11);
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults())) {
      for (Emotion e : Emotion.values()) {
        for (int i = 0; i < 5; i++) {
          try (Mat frame = new Mat(480, 640, CV_8UC1, new Scalar(90));
               Mat face = SyntheticFaces.render(SyntheticFaces.Person.random(random), e, 160, random);
               Rect where = new Rect(200 + 20 * i, 100, 160, 160); Mat roi = frame.apply(where)) {
            face.copyTo(roi);
            FaceBox truth = new FaceBox(200 + 20 * i, 100, 160, 160, 640, 480);
            List<FaceBox> found = detector.detect(frame);
            assertThat(found).as("%s face %d", e, i).anyMatch(b -> b.iou(truth) >= 0.5);
          }
        }
      }
    }
  }

  @Test
  void shouldFindNothingInTexturedNoise() {
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults());
         Mat frame = new Mat(720, 1280, CV_8UC1); Mat mean = new Mat(1, 1, CV_64F, new Scalar(120));
         Mat std = new Mat(1, 1, CV_64F, new Scalar(50))) {
      theRNG().state(99);
      randn(frame, mean, std);
      GaussianBlur(frame, frame, new Size(0, 0), 4);
      assertThat(detector.detect(frame)).isEmpty();
    }
  }

  @Test
  void shouldReportFacesLeftToRightInFullFrameCoordinates() {
    Random random = new Random(5);
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults());
         Mat frame = new Mat(1080, 1920, CV_8UC1, new Scalar(100))) {
      int[] xs = {1500, 200, 850};
      for (int x : xs) {
        try (Mat face = SyntheticFaces.render(SyntheticFaces.Person.random(random), Emotion.HAPPY, 240, random);
             Rect where = new Rect(x, 400, 240, 240); Mat roi = frame.apply(where)) {
          face.copyTo(roi);
        }
      }
      // 1920 wide is detected at 640 (a third), yet boxes come back in 1080p pixels.
      List<FaceBox> found = detector.detect(frame);
      assertThat(found).hasSize(3);
      assertThat(found).extracting(FaceBox::x).isSorted();
      assertThat(found.get(0).centerX()).isCloseTo(320, org.assertj.core.data.Offset.offset(30.0));
      assertThat(found.get(2).centerX()).isCloseTo(1620, org.assertj.core.data.Offset.offset(30.0));
      assertThat(found).allSatisfy(b -> {
        assertThat(b.frameWidth()).isEqualTo(1920);
        assertThat(b.width()).isBetween(180, 300);
      });
    }
  }

  @Test
  void shouldSkipFacesSmallerThanTheMinimum() {
    Random random = new Random(8);
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults().withMinFace(120));
         Mat frame = new Mat(480, 640, CV_8UC1, new Scalar(100));
         Mat face = SyntheticFaces.render(SyntheticFaces.Person.random(random), Emotion.NEUTRAL, 80, random);
         Rect where = new Rect(100, 100, 80, 80); Mat roi = frame.apply(where)) {
      face.copyTo(roi);
      assertThat(detector.detect(frame)).isEmpty();
      assertThat(detector.minFaceSize()).isEqualTo(120);
    }
  }

  /** Real faces, unscreened: the default cascade finds most FER2013 faces (the doc's table has the numbers). */
  @Test
  void shouldFindMostFer2013FacesPlacedInAFrame() {
    Optional<Fer2013Data> data = TestFaces.fer2013PublicTest(200);
    Assumptions.assumeTrue(data.isPresent(), "FER2013 is not at ../shared/fer2013 (it is never in the repository)");
    int n = 100;
    int found = 0;
    try (CascadeFaceDetector detector = new CascadeFaceDetector(DetectorSettings.defaults())) {
      for (int i = 0; i < n; i++) {
        try (Mat frame = new Mat(720, 1280, CV_8UC1, new Scalar(110))) {
          TestFaces.paste(frame, data.get().image(i), 160, 300 + 3 * i, 200);
          FaceBox truth = new FaceBox(300 + 3 * i, 200, 160, 160, 1280, 720);
          if (detector.detect(frame).stream().anyMatch(b -> b.iou(truth) >= 0.5)) {
            found++;
          }
        }
      }
    }
    log.info("haar-alt2 found {} of the first {} FER2013 PublicTest faces", found, n);
    assertThat(found).isGreaterThanOrEqualTo(65);
  }
}
