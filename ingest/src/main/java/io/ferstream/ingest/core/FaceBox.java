package io.ferstream.ingest.core;

/**
 * A face's box in pixels of the original frame (origin top-left), with the size of that frame.
 */
public record FaceBox(int x, int y, int width, int height, int frameWidth, int frameHeight) {

  public FaceBox {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty box " + width + "x" + height);
    }
  }

  public double centerX() {
    return x + width / 2.0;
  }

  public double centerY() {
    return y + height / 2.0;
  }

  /** Intersection over union with {@code other}: 0 when apart, 1 when identical. */
  public double iou(FaceBox other) {
    long ix = Math.max(0, Math.min(x + width, other.x + other.width) - (long) Math.max(x, other.x));
    long iy = Math.max(0, Math.min(y + height, other.y + other.height) - (long) Math.max(y, other.y));
    double inter = (double) ix * iy;
    double union = (double) width * height + (double) other.width * other.height - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
