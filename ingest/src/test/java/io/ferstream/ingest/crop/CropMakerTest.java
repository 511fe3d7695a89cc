package io.ferstream.ingest.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.testing.TestFaces;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class CropMakerTest {

  @Test
  void shouldReproduceAFaceFromItsUpscaledCopyWithMarginZero() {
    byte[] face = new byte[48 * 48];
    new Random(3).nextBytes(face);
    try (Mat frame = new Mat(720, 1280, CV_8UC1, new Scalar(0)); CropMaker maker = new CropMaker(0)) {
      TestFaces.paste(frame, face, 192, 400, 200);
      byte[] crop = maker.crop(frame, new FaceBox(400, 200, 192, 192, 1280, 720));
      assertThat(crop).hasSize(48 * 48);
      // 4x up with cubic, 4x down with area averaging: nearly the original.
      assertThat(TestFaces.ncc(crop, face)).isGreaterThan(0.95);
    }
  }

  @Test
  void shouldCentreASquareOnTheBoxAndWidenItByTheMargin() {
    try (CropMaker maker = new CropMaker(0.25)) {
      CropMaker.Region r = maker.region(new FaceBox(100, 100, 80, 100, 640, 480));
      // The longer side (100) plus 25% on each side: 150, centred on (140, 150).
      assertThat(r).isEqualTo(new CropMaker.Region(65, 75, 150));
    }
  }

  @Test
  void shouldFillWhatIsOutsideTheFrameWithTheEdgePixels() {
    try (Mat frame = new Mat(100, 100, CV_8UC1, new Scalar(200)); CropMaker maker = new CropMaker(0.5);
         UByteIndexer px = frame.createIndexer()) {
      for (int y = 0; y < 100; y++) {
        px.put(y, 0, 10);
      }
      // A face in the corner: the crop square reaches 25 px past the left and top edges.
      byte[] crop = maker.crop(frame, new FaceBox(0, 0, 50, 50, 100, 100));
      assertThat(crop).hasSize(48 * 48);
      // Left border replicated (dark), not black, and the rest the frame's grey.
      assertThat(crop[24 * 48] & 0xff).isEqualTo(10);
      assertThat(crop[24 * 48 + 40] & 0xff).isEqualTo(200);
      for (byte b : crop) {
        assertThat(b & 0xff).as("no black padding").isBetween(10, 200);
      }
    }
  }

  @Test
  void shouldEnlargeSmallFacesTo48x48() {
    try (Mat frame = new Mat(100, 100, CV_8UC1, new Scalar(77)); CropMaker maker = new CropMaker(0)) {
      byte[] crop = maker.crop(frame, new FaceBox(10, 10, 20, 20, 100, 100));
      assertThat(crop).hasSize(48 * 48).containsOnly((byte) 77);
    }
  }

  @Test
  void shouldRefuseABoxOutsideTheFrame() {
    try (Mat frame = new Mat(100, 100, CV_8UC1, new Scalar(0)); CropMaker maker = new CropMaker(0)) {
      assertThatThrownBy(() -> maker.crop(frame, new FaceBox(300, 300, 20, 20, 100, 100)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
