package io.ferstream.ingest.frame;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What FFmpeg is to open: a file, a network URL or a camera device, with the demuxer options it needs.
 *
 * @param kind {@code video}, {@code url} or {@code camera}
 * @param target the path, URL or device FFmpeg opens
 * @param format the input format to force ({@code video4linux2} for cameras), or null to probe
 * @param options demuxer/protocol options ({@code rtsp_transport}, timeouts, {@code video_size}, ...)
 * @param live whether frames arrive in real time (decided again after opening, for HTTP)
 */
public record VideoInput(String kind, String target, String format, Map<String, String> options, boolean live) {

  private static final Set<String> LIVE_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "rtp", "udp", "srt", "tcp");

  public VideoInput {
    options = Map.copyOf(options);
  }

  public static VideoInput file(Path path) {
    return new VideoInput("video", path.toString(), null, Map.of(), false);
  }

  /**
   * A network stream. RTSP goes over TCP (UDP loses packets, and so frames, on most networks); {@code timeout}
   * bounds every network read so that a dead stream ends the run instead of hanging it.
   */
  public static VideoInput url(String url, Duration timeout) {
    String scheme = scheme(url);
    Map<String, String> options = new LinkedHashMap<>();
    String micros = String.valueOf(timeout.toNanos() / 1000);
    options.put("rw_timeout", micros);
    if (scheme.startsWith("rtsp")) {
      options.put("rtsp_transport", "tcp");
      options.put("timeout", micros);
    }
    return new VideoInput("url", url, null, options, LIVE_SCHEMES.contains(scheme));
  }

  /**
   * A V4L2 camera: {@code 0} means {@code /dev/video0}; anything else is the device path.
   *
   * @param width requested width, or 0 for the camera's default (as height and fps)
   */
  public static VideoInput camera(String device, int width, int height, double fps) {
    String target = device.matches("\\d+") ? "/dev/video" + device : device;
    Map<String, String> options = new LinkedHashMap<>();
    if (width > 0 && height > 0) {
      options.put("video_size", width + "x" + height);
    }
    if (fps > 0) {
      options.put("framerate", String.valueOf(fps));
    }
    return new VideoInput("camera", target, "video4linux2", options, true);
  }

  static String scheme(String url) {
    try {
      String s = URI.create(url).getScheme();
      return s == null ? "" : s.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      int colon = url.indexOf(':');
      return colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    }
  }
}
