package io.ferstream.ingest.detect;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * For images that are face crops already (a folder of FER-style crops): the "face" is the image's centred
 * square, so no detector can miss it. Images of another size than 48x48 are counted, then resized.
 */
public final class WholeImageDetector implements FaceDetector {

  private final IngestStats stats;

  public WholeImageDetector(IngestStats stats) {
    this.stats = stats;
  }

  @Override
  public List<FaceBox> detect(Mat gray) {
    int w = gray.cols();
    int h = gray.rows();
    if (w != Crop.SIDE || h != Crop.SIDE) {
      stats.problem(Problem.IMAGE_RESIZED, w + "x" + h + " image taken as a crop");
    }
    int side = Math.min(w, h);
    return List.of(new FaceBox((w - side) / 2, (h - side) / 2, side, side, w, h));
  }

  @Override
  public int minFaceSize() {
    return 1;
  }

  @Override
  public String describe() {
    return "none (images are crops)";
  }

  @Override
  public void close() {
    // Nothing native held.
  }
}
