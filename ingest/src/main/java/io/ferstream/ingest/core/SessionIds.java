package io.ferstream.ingest.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Session ids when none is given. A file's id is derived from its path, size and modification time, so that
 * ingesting the same file again gives the same session and the same crop ids (re-publishing stays idempotent
 * downstream); a live source's id carries the start time, since no two live sessions are the same.
 */
public final class SessionIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private SessionIds() {
  }

  /** {@code <kind>-<file name>-<8 hex>}, e.g. {@code video-interview_mp4-3f2a9c01}. */
  public static String forFile(String kind, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String identity = abs.toString();
    try {
      identity += "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
    } catch (IOException e) {
      // Unreadable files fail later with a clear message; the path alone still names the session.
    }
    Path name = abs.getFileName();
    return kind + "-" + slug(name == null ? "root" : name.toString()) + "-" + hash8(identity);
  }

  /** {@code <kind>-<what>-<UTC start>-<4 hex>}, e.g. {@code camera-dev_video0-20260101T120000Z-1a2b}. */
  public static String forLive(String kind, String what, Instant start) {
    return kind + "-" + slug(what) + "-" + STAMP.format(start) + "-"
        + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** Letters, digits, '.', '_' and '-' only, at most 40 characters. */
  static String slug(String text) {
    String s = text.replaceAll("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("[^A-Za-z0-9_-]+", "_")
        .replaceAll("^_+|_+$", "");
    if (s.isEmpty()) {
      s = "source";
    }
    return s.length() <= 40 ? s : s.substring(0, 40);
  }

  static String hash8(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
