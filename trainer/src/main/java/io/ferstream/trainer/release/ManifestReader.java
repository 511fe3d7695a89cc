package io.ferstream.trainer.release;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.model.release.InvalidReleaseException;
import io.ferstream.model.release.ReleaseManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads only {@code manifest.json} of a bundle. Listing and archiving need a release's id and metadata, not its
 * networks: {@link io.ferstream.model.release.ReleaseBundle#load} would restore every member (seconds and native memory
 * per bundle), so full verification is left to the moment a bundle is promoted.
 */
public final class ManifestReader {

  static final String MANIFEST = "manifest.json";
  private static final int MAX_MANIFEST_BYTES = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestReader() {}

  /** The manifest of a bundle held in memory. */
  public static ReleaseManifest read(byte[] bundle) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (MANIFEST.equals(e.getName())) {
          return parse(zip, "release bundle");
        }
      }
    } catch (InvalidReleaseException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidReleaseException("release bundle is not a readable zip: " + e.getMessage(), e);
    }
    throw new InvalidReleaseException("release bundle has no " + MANIFEST + " (is it a release bundle zip?)");
  }

  /** The manifest of a bundle file, read without inflating its members. */
  public static ReleaseManifest read(Path bundle) throws IOException {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      ZipEntry e = zip.getEntry(MANIFEST);
      if (e == null) {
        throw new InvalidReleaseException(bundle + " has no " + MANIFEST + " (is it a release bundle zip?)");
      }
      try (InputStream in = zip.getInputStream(e)) {
        return parse(in, bundle.toString());
      }
    } catch (InvalidReleaseException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidReleaseException(bundle + " is not a readable zip: " + e.getMessage(), e);
    }
  }

  private static ReleaseManifest parse(InputStream in, String where) throws IOException {
    byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new InvalidReleaseException(where + ": " + MANIFEST + " is over " + MAX_MANIFEST_BYTES + " bytes");
    }
    ReleaseManifest m;
    try {
      m = JSON.readValue(bytes, ReleaseManifest.class);
    } catch (IOException e) {
      throw new InvalidReleaseException(where + ": unreadable " + MANIFEST + ": " + e.getMessage(), e);
    }
    if (m.releaseId == null || m.releaseId.isBlank()) {
      throw new InvalidReleaseException(where + ": " + MANIFEST + " has no releaseId");
    }
    return m;
  }
}
