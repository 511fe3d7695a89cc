package io.ferstream.classifier.topology;

import io.ferstream.classifier.errors.InvalidCropException;
import io.ferstream.schemas.FaceCrop;
import java.nio.ByteBuffer;

/** Checks that a decoded crop can be classified: a session, 48x48, and exactly 2304 pixel bytes. */
public final class CropValidator {

  public static final int SIDE = 48;
  public static final int PIXELS = SIDE * SIDE;

  private CropValidator() {}

  /**
   * @return the crop's pixels
   * @throws InvalidCropException when the crop cannot be classified
   */
  public static byte[] validate(FaceCrop crop) {
    if (crop == null) {
      throw new InvalidCropException("record has no value");
    }
    if (crop.getSessionId() == null || crop.getSessionId().isBlank()) {
      throw new InvalidCropException("crop " + crop.getCropId() + " has no session id");
    }
    if (crop.getWidth() != SIDE || crop.getHeight() != SIDE) {
      throw new InvalidCropException("crop " + crop.getCropId() + " is " + crop.getWidth() + "x" + crop.getHeight()
          + ", the classifier takes " + SIDE + "x" + SIDE);
    }
    ByteBuffer pixels = crop.getPixels();
    int count = pixels == null ? 0 : pixels.remaining();
    if (count != PIXELS) {
      throw new InvalidCropException("crop " + crop.getCropId() + " has " + count + " pixel bytes, expected "
          + PIXELS + " (48x48)");
    }
    return pixels(crop);
  }

  /** A copy of the crop's pixel bytes. */
  static byte[] pixels(FaceCrop crop) {
    ByteBuffer b = crop.getPixels().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
