package io.ferstream.ingest.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.theRNG;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.frame.FFmpegLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Records a test video with JavaCV's FFmpegFrameRecorder (H.264 in MP4 when the build has an H.264 encoder, as
 * real footage mostly is): a textured background with known faces composited in, two at a time, moving slowly
 * across the frame, after a few frames without faces. {@link #truth()} says where every face is in every frame.
 */
public final class TestVideo {

  /** A face's place in one frame: which of the faces given, and its box. */
  public record Placement(int face, FaceBox box) {
  }

  private final int width;
  private final int height;
  private final double fps;
  private final int emptyFrames;
  private final int framesPerPair;
  private final List<TestFaces.Face> faces;
  private final List<List<Placement>> truth = new ArrayList<>();

  /**
   * @param faces shown two at a time (left and right), each pair for {@code framesPerPair} frames
   * @param emptyFrames frames without faces before the first pair
   */
  public TestVideo(int width, int height, double fps, int emptyFrames, int framesPerPair, List<TestFaces.Face> faces) {
    if (faces.size() < 2 || faces.size() % 2 != 0) {
      throw new IllegalArgumentException("faces come in pairs");
    }
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.emptyFrames = emptyFrames;
    this.framesPerPair = framesPerPair;
    this.faces = List.copyOf(faces);
  }

  public int frames() {
    return emptyFrames + framesPerPair * faces.size() / 2;
  }

  public int faceSide() {
    return (int) Math.round(height * 0.23);
  }

  public double fps() {
    return fps;
  }

  /** Per frame, the faces in it, left to right. Filled by {@link #record(Path)}. */
  public List<List<Placement>> truth() {
    return truth;
  }

  public TestFaces.Face face(int index) {
    return faces.get(index);
  }

  /** Writes the video to {@code file} as H.264 in MP4 (MPEG-4 part 2 without an H.264 encoder); fills {@link #truth()}. */
  public Path record(Path file) throws Exception {
    boolean h264 = avcodec_find_encoder(AV_CODEC_ID_H264) != null && !avcodec_find_encoder(AV_CODEC_ID_H264).isNull();
    return record(file, "mp4", h264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_MPEG4);
  }

  /** Writes the video in the given container format and codec; fills {@link #truth()}. */
  public Path record(Path file, String format, int codec) throws Exception {
    FFmpegLog.install();
    truth.clear();
    int side = faceSide();
    try (Mat background = background(); Mat frame = new Mat();
         OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
         FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
      recorder.setFormat(format);
      recorder.setVideoCodec(codec);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setGopSize((int) Math.round(fps * 2));
      recorder.setVideoBitrate(6_000_000);
      recorder.start();
      for (int i = 0; i < frames(); i++) {
        background.copyTo(frame);
        List<Placement> placed = new ArrayList<>();
        if (i >= emptyFrames) {
          int k = i - emptyFrames;
          int pair = k / framesPerPair;
          // Back and forth over 12 frames: long videos keep their faces in the frame and apart.
          int t = 12 - Math.abs(k % framesPerPair % 24 - 12);
          // Left face drifts right, right face drifts left and down: tracking has to follow both.
          int ax = (int) (width * 0.10) + 5 * t;
          int ay = (int) (height * 0.22);
          int bx = (int) (width * 0.60) - 4 * t;
          int by = (int) (height * 0.30) + 2 * t;
          TestFaces.paste(frame, faces.get(2 * pair).pixels(), side, ax, ay);
          TestFaces.paste(frame, faces.get(2 * pair + 1).pixels(), side, bx, by);
          placed.add(new Placement(2 * pair, new FaceBox(ax, ay, side, side, width, height)));
          placed.add(new Placement(2 * pair + 1, new FaceBox(bx, by, side, side, width, height)));
        }
        truth.add(placed);
        Frame f = converter.convert(frame);
        recorder.record(f);
      }
      recorder.stop();
    }
    return file;
  }

  /** A fixed, blurred noise texture: not a flat colour the detector could never misfire on. */
  private Mat background() {
    Mat noise = new Mat(height, width, CV_8UC1);
    theRNG().state(12345);
    try (Mat mean = new Mat(1, 1, CV_64F, new Scalar(120)); Mat std = new Mat(1, 1, CV_64F, new Scalar(60))) {
      randn(noise, mean, std);
    }
    GaussianBlur(noise, noise, new Size(0, 0), 9);
    try (Mat noMask = new Mat()) {
      normalize(noise, noise, 70, 170, NORM_MINMAX, -1, noMask);
    }
    return noise;
  }
}
