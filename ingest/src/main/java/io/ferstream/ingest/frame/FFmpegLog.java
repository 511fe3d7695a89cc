package io.ferstream.ingest.frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log into SLF4J (logger {@code ffmpeg}) and counts its errors. FFmpeg conceals damaged
 * frames instead of failing, and JavaCV ignores the decoder's error codes, so the errors FFmpeg logs are the
 * only sign that a frame was decoded from corrupt data: {@link FFmpegFrameSource} counts a frame as corrupt
 * when errors were logged while decoding it. The callback is process-wide, installed once.
 */
public final class FFmpegLog {

  private static final Logger log = LoggerFactory.getLogger("ffmpeg");
  private static final AtomicLong ERRORS = new AtomicLong();
  private static final AtomicReference<String> LAST_ERROR = new AtomicReference<>("");
  private static volatile Callback callback;

  private FFmpegLog() {
  }

  /** Installs the callback (idempotent). Below-warning messages (stream dumps, info) are not even formatted. */
  public static synchronized void install() {
    if (callback == null) {
      callback = new Callback();
      av_log_set_level(AV_LOG_WARNING);
      setLogCallback(callback);
    }
  }

  /** Errors FFmpeg logged so far in this process. */
  public static long errors() {
    return ERRORS.get();
  }

  /** The last error FFmpeg logged, or "". */
  public static String lastError() {
    return LAST_ERROR.get();
  }

  /** Receives av_log calls (from FFmpeg's own threads too). */
  static final class Callback extends LogCallback {
    @Override
    public void call(int level, BytePointer msg) {
      if (level > AV_LOG_WARNING) {
        return;
      }
      String text = msg == null || msg.isNull() ? "" : msg.getString().trim();
      if (level <= AV_LOG_ERROR) {
        ERRORS.incrementAndGet();
        LAST_ERROR.set(text);
        log.debug("{}", text);
      } else {
        log.trace("{}", text);
      }
    }
  }
}
