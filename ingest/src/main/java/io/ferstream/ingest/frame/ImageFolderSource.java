package io.ferstream.ingest.frame;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The images of a folder (and its sub-folders), in path order, each one frame. An image that cannot be read
 * is counted and skipped; it keeps its frame index, so the other images' indices (and crop ids) do not depend
 * on whether it could be read. Frame times are {@code index / fps}: a folder has no clock of its own.
 */
public final class ImageFolderSource implements FrameSource {

  /** File extensions OpenCV's imread decodes in the bytedeco build. */
  public static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "png", "bmp", "dib", "tif", "tiff", "webp", "pgm", "ppm", "pbm", "pnm", "jp2");

  private final Path root;
  private final List<Path> images;
  private final double fps;
  private final IngestStats stats;
  private int next;
  private Mat current;

  private ImageFolderSource(Path root, List<Path> images, double fps, IngestStats stats) {
    this.root = root;
    this.images = images;
    this.fps = fps;
    this.stats = stats;
  }

  /**
   * Lists the images under {@code root}.
   *
   * @param fps the simulated frame rate that spaces the frames' timestamps (> 0)
   */
  public static ImageFolderSource open(Path root, double fps, IngestStats stats) throws IOException {
    if (!Files.exists(root)) {
      throw new FileNotFoundException("no such folder: " + root.toAbsolutePath());
    }
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a folder; for a video file use `ferstream ingest video`");
    }
    if (fps <= 0) {
      throw new IllegalArgumentException("fps must be > 0 for an image folder");
    }
    List<Path> images;
    try (Stream<Path> files = Files.walk(root)) {
      images = files.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted()
          .collect(Collectors.toList());
    }
    if (images.isEmpty()) {
      throw new IOException("no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ") in "
          + root.toAbsolutePath());
    }
    return new ImageFolderSource(root, images, fps, stats);
  }

  static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  @Override
  public VideoFrame next() {
    releaseCurrent();
    while (next < images.size()) {
      int index = next++;
      Path file = images.get(index);
      String ref = root.relativize(file).toString();
      Mat gray = imread(file.toString(), IMREAD_GRAYSCALE);
      if (gray == null || gray.empty()) {
        if (gray != null) {
          gray.close();
        }
        stats.problem(Problem.UNREADABLE_IMAGE, ref + ": not an image OpenCV can decode");
        continue;
      }
      stats.frameDecoded();
      current = gray;
      return new VideoFrame(index, Math.round(index * 1_000_000 / fps), gray, ref);
    }
    return null;
  }

  private void releaseCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public OptionalLong expectedFrames() {
    return OptionalLong.of(images.size());
  }

  @Override
  public double frameRate() {
    return fps;
  }

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public String uri() {
    return root.toAbsolutePath().toString();
  }

  @Override
  public void close() {
    releaseCurrent();
  }
}
