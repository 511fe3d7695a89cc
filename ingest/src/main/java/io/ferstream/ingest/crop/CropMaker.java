package io.ferstream.ingest.crop;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.FaceBox;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a detected face into a 48x48 grayscale crop framed like FER2013's: the square around the face box's
 * centre, widened by {@code margin} of the box side on every side, resized to 48x48. Parts of the square
 * outside the frame are filled by repeating the edge pixels (a black band would look like a feature).
 *
 * <p>The default margin is 0 because FER2013's own framing is the Haar box: on FER2013 faces placed in a
 * frame, haar-alt2's box covers 0.99 of the original image, and the crop with margin 0 matches it best
 * (measured in docs/ingest.md).
 */
public final class CropMaker implements AutoCloseable {

  /** Margin that reproduces FER2013's framing with the Haar cascades. */
  public static final double DEFAULT_MARGIN = 0.0;

  private final double margin;
  // Reused native buffers.
  private final Mat padded = new Mat();
  private final Mat out = new Mat();
  private final Size side = new Size(Crop.SIDE, Crop.SIDE);

  public CropMaker(double margin) {
    if (margin < -0.25 || margin > 2) {
      throw new IllegalArgumentException("margin must be within -0.25..2 of the face side, was " + margin);
    }
    this.margin = margin;
  }

  public double margin() {
    return margin;
  }

  /** The square region of the frame (possibly reaching outside it) that becomes the crop. */
  public Region region(FaceBox box) {
    double size = Math.max(box.width(), box.height()) * (1 + 2 * margin);
    int s = Math.max(1, (int) Math.round(size));
    int x = (int) Math.round(box.centerX() - s / 2.0);
    int y = (int) Math.round(box.centerY() - s / 2.0);
    return new Region(x, y, s);
  }

  /** The 48x48 crop of {@code box} from the 8-bit grayscale {@code frame}: 2,304 bytes, row-major. */
  public byte[] crop(Mat frame, FaceBox box) {
    Region r = region(box);
    int fx = Math.max(0, r.x());
    int fy = Math.max(0, r.y());
    int fx2 = Math.min(frame.cols(), r.x() + r.side());
    int fy2 = Math.min(frame.rows(), r.y() + r.side());
    if (fx2 <= fx || fy2 <= fy) {
      throw new IllegalArgumentException("face box " + box + " lies outside the " + frame.cols() + "x" + frame.rows()
          + " frame");
    }
    try (Rect inside = new Rect(fx, fy, fx2 - fx, fy2 - fy); Mat roi = frame.apply(inside)) {
      Mat square = roi;
      if (fx2 - fx != r.side() || fy2 - fy != r.side()) {
        copyMakeBorder(roi, padded, fy - r.y(), r.y() + r.side() - fy2, fx - r.x(), r.x() + r.side() - fx2,
            BORDER_REPLICATE);
        square = padded;
      }
      // INTER_AREA averages when shrinking (no aliasing); cubic when a small face is enlarged.
      resize(square, out, side, 0, 0, r.side() >= Crop.SIDE ? INTER_AREA : INTER_CUBIC);
    }
    byte[] pixels = new byte[Crop.PIXELS];
    out.data().get(pixels);
    return pixels;
  }

  /** A square in frame pixels; may extend past the frame's edges. */
  public record Region(int x, int y, int side) {
  }

  @Override
  public void close() {
    padded.close();
    out.close();
    side.close();
  }
}
