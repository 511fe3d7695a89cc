package io.ferstream.ingest.publish;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.ferstream.ingest.core.Crop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes every crop as a PNG ({@code --save-crops DIR}) besides publishing it, to look at what ingest cuts:
 * {@code DIR/<session>/<frame>-<face>[-<label>].png}. Wraps another publisher.
 */
public final class PngCropWriter implements CropPublisher {

  private final CropPublisher next;
  private final Path dir;

  public PngCropWriter(CropPublisher next, Path dir) {
    this.next = next;
    this.dir = dir;
  }

  @Override
  public void publish(Crop crop) throws PublishException {
    Path session = dir.resolve(crop.sessionId().replaceAll("[^A-Za-z0-9._-]", "_"));
    String name = String.format(Locale.ROOT, "%08d-%02d%s.png", crop.frameNumber(), crop.faceIndex(),
        crop.label() == null ? "" : "-" + crop.label().name().toLowerCase(Locale.ROOT));
    try {
      Files.createDirectories(session);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + session, e);
    }
    try (BytePointer data = new BytePointer(crop.pixels());
         Mat image = new Mat(Crop.SIDE, Crop.SIDE, CV_8UC1, data)) {
      if (!imwrite(session.resolve(name).toString(), image)) {
        throw new UncheckedIOException(new IOException("cannot write " + session.resolve(name)));
      }
    }
    next.publish(crop);
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void close() {
    next.close();
  }
}
