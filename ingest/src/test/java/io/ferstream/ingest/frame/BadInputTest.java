package io.ferstream.ingest.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.detect.WholeImageDetector;
import io.ferstream.ingest.source.DetectingSource;
import io.ferstream.ingest.source.Emotions;
import io.ferstream.ingest.source.SyntheticFaces;
import io.ferstream.ingest.testing.Pipelines;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import io.ferstream.schemas.Emotion;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable files, damaged videos and odd images give clear messages and counts, never a crash part-way. */
class BadInputTest {

  @TempDir Path dir;

  @Test
  void shouldExplainAMissingFile() {
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(dir.resolve("nope.mp4")), new IngestStats()))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("no such file").hasMessageContaining("nope.mp4");
  }

  @Test
  void shouldExplainADirectoryAndAnEmptyFile() throws Exception {
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(dir), new IngestStats()))
        .hasMessageContaining("is a directory").hasMessageContaining("ingest images");
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(empty), new IngestStats()))
        .hasMessageContaining("is empty");
  }

  @Test
  void shouldExplainAFileThatIsNoVideo() throws Exception {
    byte[] junk = new byte[64 * 1024];
    new Random(1).nextBytes(junk);
    Path file = Files.write(dir.resolve("holiday.mp4"), junk);
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(file), new IngestStats()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot open " + file)
        .hasMessageContaining("Invalid data found when processing input");
  }

  @Test
  void shouldExplainAFileWithoutAVideoStream() throws Exception {
    Path wav = dir.resolve("speech.wav");
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(wav.toFile(), 1)) {
      recorder.setFormat("wav");
      recorder.setSampleRate(8000);
      recorder.start();
      recorder.recordSamples(8000, 1, ShortBuffer.wrap(new short[8000]));
      recorder.stop();
    }
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(wav), new IngestStats()))
        .hasMessageContaining("has no video stream");
  }

  @Test
  void shouldReadADamagedVideoToTheEndAndCountItsCorruptFrames() throws Exception {
    TestVideo video = new TestVideo(640, 360, 10, 0, 30, TestFaces.detectable(2, 80));
    Path file = video.record(dir.resolve("damaged.avi"), "avi", AV_CODEC_ID_MPEG4);
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] junk = new byte[(int) (size / 20)];
      new Random(2).nextBytes(junk);
      // Garbage over 5% of the file, in the middle of the frame data (headers and index stay intact).
      raf.seek(size * 2 / 5);
      raf.write(junk);
    }
    IngestStats stats = new IngestStats();
    List<Step> steps;
    try (Source source = Pipelines.video(file, 0, "damaged", stats)) {
      steps = Pipelines.drain(source);
    }
    assertThat(steps).isNotEmpty();
    assertThat(stats.framesDecoded()).isGreaterThan(video.frames() / 2);
    long damaged = stats.problems(Problem.CORRUPT_FRAME) + stats.problems(Problem.UNDECODABLE_FRAME)
        + stats.problems(Problem.TRUNCATED) + (video.frames() - stats.framesDecoded());
    assertThat(damaged).as("damage is visible in the counts: %s", stats.problems()).isPositive();
    assertThat(stats.facesDetected()).isPositive();
  }

  @Test
  void shouldReportATruncatedVideo() throws Exception {
    TestVideo video = new TestVideo(640, 360, 10, 0, 40, TestFaces.detectable(2, 80));
    // Matroska announces its length in the header: a file cut in half still says 40 frames.
    Path file = video.record(dir.resolve("cut.mkv"), "matroska", AV_CODEC_ID_MPEG4);
    byte[] all = Files.readAllBytes(file);
    Path cut = Files.write(dir.resolve("cut-half.mkv"), java.util.Arrays.copyOf(all, all.length / 2));
    IngestStats stats = new IngestStats();
    try (Source source = Pipelines.video(cut, 0, "cut", stats)) {
      Pipelines.drain(source);
    }
    assertThat(stats.framesDecoded()).isBetween(5L, video.frames() - 5L);
    assertThat(stats.problems(Problem.TRUNCATED)).isEqualTo(1);
    assertThat(stats.problemExamples()).anyMatch(m -> m.contains("ended after " + stats.framesDecoded() + " of the"));
  }

  @Test
  void shouldExplainAnMp4CutShort() throws Exception {
    TestVideo video = new TestVideo(640, 360, 10, 0, 10, TestFaces.detectable(2, 80));
    byte[] all = Files.readAllBytes(video.record(dir.resolve("whole.mp4")));
    Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> FFmpegFrameSource.open(VideoInput.file(cut), new IngestStats()))
        .hasMessageContaining("moov atom not found").hasMessageContaining("truncated");
  }

  @Test
  void shouldSkipUnreadableAndTooSmallImagesAndCountThem() throws Exception {
    Random random = new Random(4);
    try (Mat face = SyntheticFaces.render(SyntheticFaces.Person.random(random), Emotion.HAPPY, 160, random);
         Mat tiny = new Mat(20, 20, CV_8UC1, new Scalar(128))) {
      imwrite(dir.resolve("a-face.png").toString(), face);
      imwrite(dir.resolve("b-tiny.png").toString(), tiny);
    }
    Files.writeString(dir.resolve("c-broken.jpg"), "not a jpeg");
    Files.writeString(dir.resolve("notes.txt"), "ignored: not an image");
    IngestStats stats = new IngestStats();
    ImageFolderSource frames = ImageFolderSource.open(dir, 1, stats);
    List<Step> steps;
    try (Source source = new DetectingSource(frames, FrameSampler.everyFrame(),
        new CascadeFaceDetector(DetectorSettings.defaults()), new CropMaker(0), null, "imgs", 0, null, stats, Map.of())) {
      assertThat(source.expectedFrames()).hasValue(3);
      steps = Pipelines.drain(source);
    }
    assertThat(stats.problems(Problem.UNREADABLE_IMAGE)).isEqualTo(1);
    assertThat(stats.problems(Problem.IMAGE_TOO_SMALL)).isEqualTo(1);
    List<Crop> crops = Pipelines.crops(steps);
    assertThat(crops).hasSize(1);
    assertThat(crops.get(0).sourceRef()).isEqualTo("a-face.png");
    // Two frames came out; the broken image kept its index (2) without yielding one.
    assertThat(steps.stream().mapToLong(Step::framesConsumed).sum()).isEqualTo(2);
  }

  @Test
  void shouldTakeImagesOfOtherSizesAsCropsAndLabelThemByFolder() throws Exception {
    Path happy = Files.createDirectories(dir.resolve("train/happy"));
    Path sad = Files.createDirectories(dir.resolve("train/Sad"));
    try (Mat wide = new Mat(80, 64, CV_8UC1, new Scalar(90)); Mat exact = new Mat(48, 48, CV_8UC1, new Scalar(30))) {
      imwrite(happy.resolve("1.png").toString(), wide);
      imwrite(sad.resolve("2.png").toString(), exact);
    }
    IngestStats stats = new IngestStats();
    List<Crop> crops;
    try (Source source = new DetectingSource(ImageFolderSource.open(dir, 1, stats), FrameSampler.everyFrame(),
        new WholeImageDetector(stats), new CropMaker(0), null, "folder", 0, Emotions::ofFolder, stats, Map.of())) {
      crops = Pipelines.crops(Pipelines.drain(source));
    }
    assertThat(crops).hasSize(2);
    // Path order: "train/Sad/2.png" sorts before "train/happy/1.png".
    assertThat(crops).extracting(Crop::label).containsExactly(Emotion.SAD, Emotion.HAPPY);
    assertThat(crops.get(1).pixels()).containsOnly((byte) 90);
    assertThat(crops.get(0).box().width()).isEqualTo(48);
    assertThat(stats.problems(Problem.IMAGE_RESIZED)).isEqualTo(1);
  }

  @Test
  void shouldExplainAFolderWithoutImages() throws Exception {
    Files.writeString(dir.resolve("readme.txt"), "x");
    assertThatThrownBy(() -> ImageFolderSource.open(dir, 1, new IngestStats())).hasMessageContaining("no images");
    assertThatThrownBy(() -> ImageFolderSource.open(dir.resolve("missing"), 1, new IngestStats()))
        .hasMessageContaining("no such folder");
  }
}
