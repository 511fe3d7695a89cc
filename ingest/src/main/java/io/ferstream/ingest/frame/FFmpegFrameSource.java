package io.ferstream.ingest.frame;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames decoded by FFmpeg (through JavaCV) from a file, a network stream or a camera, converted to 8-bit gray
 * by FFmpeg's scaler (the Y plane: no colour conversion in Java).
 *
 * <p>A long or damaged video never ends the run part-way: frames FFmpeg decodes with errors are counted
 * ({@link Problem#CORRUPT_FRAME}), frames it cannot decode are skipped and counted, and only
 * {@value #MAX_CONSECUTIVE_FAILURES} failures in a row (nothing decodable is left) end the source with an
 * error. Timestamps come from the video (presentation time from the first frame); missing or backward ones are
 * replaced by the previous one plus a frame interval, so they never decrease (backward ones are counted).
 */
public final class FFmpegFrameSource implements FrameSource {

  /** Consecutive undecodable frames after which the rest of the source is taken as unreadable. */
  public static final int MAX_CONSECUTIVE_FAILURES = 100;

  private static final Pattern AV_ERROR = Pattern.compile("error (-?\\d+)");
  private static final Pattern CODEC_ID = Pattern.compile("codec not found: (\\d+)");

  private final VideoInput input;
  private final FFmpegFrameGrabber grabber;
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
  private final IngestStats stats;
  private final boolean live;
  private final long announcedFrames;
  private final double frameRate;
  private final long intervalMicros;
  private final long startNanos = System.nanoTime();
  private long index = -1;
  private long firstTimestamp = Long.MIN_VALUE;
  private long lastMicros = -1;
  private int width = -1;
  private int height = -1;
  private boolean ended;

  private FFmpegFrameSource(VideoInput input, FFmpegFrameGrabber grabber, IngestStats stats) {
    this.input = input;
    this.grabber = grabber;
    this.stats = stats;
    int length = grabber.getLengthInFrames();
    // HTTP can carry a file (a length) or a live stream (none): decide from what the container says.
    this.live = input.live() || ("url".equals(input.kind()) && length <= 0);
    this.announcedFrames = live ? 0 : Math.max(0, length);
    double rate = grabber.getFrameRate();
    this.frameRate = Double.isFinite(rate) && rate > 0 && rate < 1000 ? rate : 0;
    this.intervalMicros = Math.round(1_000_000 / (frameRate > 0 ? frameRate : 25));
  }

  /**
   * Opens and probes the input. Fails with a message that says what is wrong: no such file, not a video,
   * no video stream, a codec this FFmpeg build cannot decode, an unreachable stream.
   */
  public static FFmpegFrameSource open(VideoInput input, IngestStats stats) throws IOException {
    FFmpegLog.install();
    if ("video".equals(input.kind())) {
      checkReadableFile(Path.of(input.target()));
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.target());
    if (input.format() != null) {
      grabber.setFormat(input.format());
    }
    input.options().forEach(grabber::setOption);
    grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
    long errorsBefore = FFmpegLog.errors();
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      releaseQuietly(grabber);
      String said = FFmpegLog.errors() > errorsBefore ? FFmpegLog.lastError() : "";
      throw new IOException(openFailure(input, e.getMessage(), said), e);
    }
    if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      releaseQuietly(grabber);
      throw new IOException(input.target() + " has no video stream (format " + grabber.getFormat() + ")");
    }
    return new FFmpegFrameSource(input, grabber, stats);
  }

  static void checkReadableFile(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException(path + " is a directory; for a folder of images use `ferstream ingest images`");
    }
    if (!Files.exists(path)) {
      throw new FileNotFoundException("no such file: " + path.toAbsolutePath());
    }
    if (!Files.isReadable(path)) {
      throw new IOException("cannot read " + path.toAbsolutePath() + ": permission denied");
    }
    if (Files.size(path) == 0) {
      throw new IOException(path + " is empty (0 bytes)");
    }
  }

  /**
   * Turns JavaCV's "avformat_open_input() error -1094995529: ..." into what it means, with what FFmpeg logged
   * ({@code ffmpegSaid}, e.g. "moov atom not found" for an MP4 cut short), if anything.
   */
  static String openFailure(VideoInput input, String message, String ffmpegSaid) {
    String detail = ffmpegSaid == null || ffmpegSaid.isBlank() ? "" : " [FFmpeg: " + ffmpegSaid + "]";
    if (detail.contains("moov atom not found")) {
      detail += " (an MP4 whose end is missing: truncated or still being written?)";
    }
    return describeOpenFailure(input, message) + detail;
  }

  private static String describeOpenFailure(VideoInput input, String message) {
    String what = "camera".equals(input.kind()) ? "camera " : "url".equals(input.kind()) ? "stream " : "";
    String text = message == null ? "" : message;
    Matcher codec = CODEC_ID.matcher(text);
    if (codec.find()) {
      int id = Integer.parseInt(codec.group(1));
      return "cannot decode " + what + input.target() + ": this FFmpeg build has no decoder for its video codec ("
          + avcodec_get_name(id).getString() + ")";
    }
    Matcher error = AV_ERROR.matcher(text);
    String reason = text;
    if (error.find()) {
      reason = averror(Integer.parseInt(error.group(1)));
      if (text.startsWith("avformat_open_input()") && "video".equals(input.kind())) {
        reason += " (not a video FFmpeg can read?)";
      }
    }
    return "cannot open " + what + input.target() + ": " + reason;
  }

  /** FFmpeg's text for an AVERROR code. */
  static String averror(int code) {
    byte[] buf = new byte[256];
    if (av_strerror(code, buf, buf.length) < 0) {
      return "FFmpeg error " + code;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public VideoFrame next() throws IOException {
    if (ended) {
      return null;
    }
    int failures = 0;
    while (true) {
      long errorsBefore = FFmpegLog.errors();
      Frame frame;
      try {
        frame = grabber.grabImage();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        failures++;
        stats.problem(Problem.UNDECODABLE_FRAME, input.target() + " after frame " + index + ": " + e.getMessage());
        if (failures >= MAX_CONSECUTIVE_FAILURES) {
          ended = true;
          throw new IOException("gave up on " + input.target() + " after " + failures
              + " undecodable frames in a row (after frame " + index + "): " + e.getMessage(), e);
        }
        continue;
      }
      if (frame == null) {
        ended = true;
        checkLength();
        return null;
      }
      if (frame.image == null) {
        continue;
      }
      index++;
      stats.frameDecoded();
      if (FFmpegLog.errors() > errorsBefore) {
        stats.problem(Problem.CORRUPT_FRAME, "frame " + index + " of " + input.target() + ": " + FFmpegLog.lastError());
      }
      checkSize(frame);
      Mat gray = converter.convert(frame);
      return new VideoFrame(index, micros(frame), gray, null);
    }
  }

  private long micros(Frame frame) {
    long micros;
    if (live) {
      // Live: the capture clock is the wall clock; a stream's own timestamps may start anywhere.
      micros = (System.nanoTime() - startNanos) / 1000;
    } else {
      if (firstTimestamp == Long.MIN_VALUE) {
        firstTimestamp = frame.timestamp;
      }
      micros = frame.timestamp - firstTimestamp;
    }
    if (index > 0 && micros <= lastMicros || micros < 0) {
      // JavaCV gives 0 to frames without a timestamp (the last frames of AVI files, flushed from the decoder):
      // missing, not wrong. A timestamp that goes back is a damaged or badly muxed file: counted.
      if (!live && frame.timestamp != 0) {
        stats.problem(Problem.TIMESTAMP_REPAIRED, "frame " + index + " of " + input.target() + " has timestamp "
            + frame.timestamp + " us, not after the previous frame's");
      }
      micros = Math.max(0, lastMicros + intervalMicros);
    }
    lastMicros = micros;
    return micros;
  }

  private void checkSize(Frame frame) {
    if (width < 0) {
      width = frame.imageWidth;
      height = frame.imageHeight;
    } else if (frame.imageWidth != width || frame.imageHeight != height) {
      stats.problem(Problem.FRAME_SIZE_CHANGED, input.target() + " frame " + index + " is " + frame.imageWidth + "x"
          + frame.imageHeight + ", was " + width + "x" + height);
      width = frame.imageWidth;
      height = frame.imageHeight;
    }
  }

  private void checkLength() {
    long decoded = index + 1;
    // Containers estimate their length from duration x rate: allow a little slack before calling it truncated.
    if (announcedFrames > 0 && decoded < announcedFrames - Math.max(2, announcedFrames / 50)) {
      stats.problem(Problem.TRUNCATED, input.target() + " ended after " + decoded + " of the " + announcedFrames
          + " frames its container announces (truncated or damaged?)");
    }
  }

  @Override
  public OptionalLong expectedFrames() {
    return announcedFrames > 0 ? OptionalLong.of(announcedFrames) : OptionalLong.empty();
  }

  @Override
  public double frameRate() {
    return frameRate;
  }

  @Override
  public boolean live() {
    return live;
  }

  @Override
  public String uri() {
    return input.target();
  }

  /** The video's width and height as probed. */
  public int width() {
    return grabber.getImageWidth();
  }

  public int height() {
    return grabber.getImageHeight();
  }

  /** The container's creation time (ISO-8601 text from its metadata), or null. */
  public String creationTime() {
    String t = grabber.getMetadata("creation_time");
    return t == null || t.isBlank() ? null : t;
  }

  /** The video codec's name as FFmpeg calls it. */
  public String codecName() {
    String name = grabber.getVideoCodecName();
    return name != null ? name : avcodec_get_name(grabber.getVideoCodec()).getString();
  }

  @Override
  public void close() {
    releaseQuietly(grabber);
    converter.close();
  }

  private static void releaseQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Closing a grabber that failed half-way can fail again; there is nothing left to release.
    }
  }
}
