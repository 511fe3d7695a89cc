package io.ferstream.ingest.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * The frontal-face cascades that ship inside the {@code org.bytedeco:opencv} native jar. Nothing is
 * downloaded: the XML is copied out of the jar once per JVM, because OpenCV's CascadeClassifier loads
 * both the old and the new cascade formats only from a file.
 */
public enum Cascade {
  /** Default: best recall on real faces (FER2013) with few false positives; see docs/ingest.md. */
  HAAR_ALT2("haarcascades/haarcascade_frontalface_alt2.xml", 20),
  HAAR_DEFAULT("haarcascades/haarcascade_frontalface_default.xml", 24),
  HAAR_ALT("haarcascades/haarcascade_frontalface_alt.xml", 20),
  LBP_IMPROVED("lbpcascades/lbpcascade_frontalface_improved.xml", 45),
  LBP("lbpcascades/lbpcascade_frontalface.xml", 24);

  private static final String ROOT = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";
  private static final Map<Cascade, Path> EXTRACTED = new EnumMap<>(Cascade.class);

  private final String resource;
  private final int window;

  Cascade(String resource, int window) {
    this.resource = resource;
    this.window = window;
  }

  /** The cascade's training window side in pixels: the smallest face it can find at scale 1. */
  public int window() {
    return window;
  }

  /** The short name used on the command line and in metadata, e.g. {@code haar-alt2}. */
  public String cliName() {
    return name().toLowerCase().replace('_', '-');
  }

  /** The cascade named {@code name} ({@code haar-alt2}, {@code HAAR_ALT2}, ...). */
  public static Cascade parse(String name) {
    String n = name.trim().toUpperCase().replace('-', '_');
    for (Cascade c : values()) {
      if (c.name().equals(n)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cascade '" + name + "'; one of haar-alt2, haar-default, haar-alt, "
        + "lbp-improved, lbp");
  }

  /** A file holding the cascade's XML, extracted from the opencv jar on first use. */
  public synchronized Path file() {
    Path path = EXTRACTED.get(this);
    if (path != null && Files.isRegularFile(path)) {
      return path;
    }
    try (InputStream in = Cascade.class.getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        throw new IllegalStateException("cascade " + resource + " is not on the classpath: is "
            + "org.bytedeco:opencv:linux-x86_64 missing?");
      }
      path = Files.createTempFile("ferstream-" + cliName() + "-", ".xml");
      Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
      path.toFile().deleteOnExit();
      EXTRACTED.put(this, path);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract cascade " + resource, e);
    }
  }
}
