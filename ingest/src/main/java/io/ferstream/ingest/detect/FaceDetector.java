package io.ferstream.ingest.detect;

import io.ferstream.ingest.core.FaceBox;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds faces in an 8-bit grayscale frame. Not thread-safe: one per ingest thread. */
public interface FaceDetector extends AutoCloseable {

  /**
   * The faces in {@code gray}, in frame pixels, ordered left to right (then top to bottom) so that face
   * indices, and with them crop ids, are deterministic.
   */
  List<FaceBox> detect(Mat gray);

  /** The smallest face side, in frame pixels, this detector can find; smaller frames are skipped. */
  int minFaceSize();

  /** Name and settings, for the crops' producer metadata. */
  String describe();

  @Override
  void close();
}
