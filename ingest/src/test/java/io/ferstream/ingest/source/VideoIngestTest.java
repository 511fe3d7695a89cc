package io.ferstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.testing.Pipelines;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 720p H.264 video recorded in the test with known faces composited in (FER2013 faces when the data set is
 * present, drawn faces otherwise) goes through the video pipeline: the faces must be found where they are, cut
 * into FER-like 48x48 crops, tracked, and stamped with the video's own frame times.
 */
class VideoIngestTest {

  private static final Logger log = LoggerFactory.getLogger(VideoIngestTest.class);

  static final int EMPTY = 3;
  static final int PER_PAIR = 10;

  @TempDir static Path dir;
  static TestVideo video;
  static Path file;
  static List<Step> steps;
  static IngestStats stats;

  @BeforeAll
  static void recordAndIngest() throws Exception {
    video = new TestVideo(1280, 720, 10, EMPTY, PER_PAIR, TestFaces.detectable(6, 166));
    file = video.record(dir.resolve("faces.mp4"));
    stats = new IngestStats();
    try (Source source = Pipelines.video(file, 0, "s1", stats)) {
      steps = Pipelines.drain(source);
    }
  }

  @Test
  void shouldDecodeEveryFrameWithTheVideosOwnTimestamps() {
    assertThat(stats.framesDecoded()).isEqualTo(video.frames());
    assertThat(steps).hasSize(video.frames());
    for (int i = 0; i < steps.size(); i++) {
      // 10 fps: frame i is shown i * 100 ms after the first.
      assertThat(steps.get(i).timestampMillis()).as("frame %d", i).isEqualTo(Pipelines.START + i * 100L);
    }
    assertThat(stats.problems()).isEmpty();
  }

  @Test
  void shouldFindTheKnownFacesWhereTheyAre() {
    int expected = 0;
    int found = 0;
    for (int i = 0; i < steps.size(); i++) {
      List<TestVideo.Placement> truth = video.truth().get(i);
      List<Crop> crops = steps.get(i).crops();
      for (TestVideo.Placement p : truth) {
        expected++;
        Crop best = crops.stream().max((a, b) -> Double.compare(a.box().iou(p.box()), b.box().iou(p.box())))
            .orElse(null);
        if (best != null && best.box().iou(p.box()) >= 0.5) {
          found++;
          FaceBox box = best.box();
          int side = video.faceSide();
          // Positions: the box is centred on the face within 10% of its side, and about the face's size.
          assertThat(Math.abs(box.centerX() - p.box().centerX())).as("frame %d x", i).isLessThan(side * 0.10);
          assertThat(Math.abs(box.centerY() - p.box().centerY())).as("frame %d y", i).isLessThan(side * 0.10);
          assertThat(box.width() / (double) side).as("frame %d size", i).isBetween(0.75, 1.3);
          assertThat(box.frameWidth()).isEqualTo(1280);
          assertThat(box.frameHeight()).isEqualTo(720);
        }
      }
    }
    double recall = found / (double) expected;
    log.info("recall {}/{} = {} ({} faces), false faces {}", found, expected, recall,
        TestFaces.realFaces() ? "FER2013" : "drawn", stats.facesDetected() - found);
    assertThat(recall).as("recall over %d faces (%s)", expected, TestFaces.realFaces() ? "FER2013" : "drawn")
        .isGreaterThanOrEqualTo(0.9);
    // Few false faces on the textured background: at most one per ten frames.
    long falseFaces = stats.facesDetected() - found;
    assertThat(falseFaces).isLessThanOrEqualTo(video.frames() / 10);
  }

  @Test
  void shouldCountFramesWithoutFaces() {
    assertThat(stats.framesWithoutFaces()).isGreaterThanOrEqualTo(EMPTY);
    for (int i = 0; i < EMPTY; i++) {
      assertThat(steps.get(i).crops()).as("frame %d has no face", i).isEmpty();
    }
  }

  @Test
  void shouldCutCropsThatLookLikeTheOriginalFaces() {
    int compared = 0;
    double own = 0;
    double other = 0;
    for (int i = 0; i < steps.size(); i++) {
      List<TestVideo.Placement> truth = video.truth().get(i);
      for (Crop c : steps.get(i).crops()) {
        assertThat(c.pixels()).hasSize(48 * 48);
        for (int k = 0; k < truth.size(); k++) {
          if (c.box().iou(truth.get(k).box()) >= 0.5) {
            own += TestFaces.ncc(c.pixels(), video.face(truth.get(k).face()).pixels());
            other += TestFaces.ncc(c.pixels(), video.face(truth.get(1 - k).face()).pixels());
            compared++;
          }
        }
      }
    }
    own /= compared;
    other /= compared;
    log.info("crop correlation with own face {}, with the other face {}", own, other);
    // Margin 0 frames crops like FER2013's: each crop correlates with the face it was cut from (after upscaling,
    // H.264 and a detector box that jitters by a few pixels), clearly more than with the other face on screen.
    assertThat(own).as("mean correlation with the original 48x48 face").isGreaterThan(0.55);
    if (TestFaces.realFaces()) {
      // Drawn faces all look alike; real faces tell who is who.
      assertThat(own - other).as("own %.3f vs other face %.3f", own, other).isGreaterThan(0.2);
    }
  }

  @Test
  void shouldNumberFacesLeftToRightAndKeepTrackIdsAcrossFrames() {
    Map<Integer, Set<String>> tracksPerFace = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      List<Crop> crops = steps.get(i).crops();
      for (int k = 0; k < crops.size(); k++) {
        Crop c = crops.get(k);
        assertThat(c.faceIndex()).isEqualTo(k);
        assertThat(c.frameNumber()).isEqualTo(i);
        assertThat(c.sessionId()).isEqualTo("s1");
        if (k > 0) {
          assertThat(c.box().x()).isGreaterThanOrEqualTo(crops.get(k - 1).box().x());
        }
        for (TestVideo.Placement p : video.truth().get(i)) {
          if (c.box().iou(p.box()) >= 0.5) {
            tracksPerFace.computeIfAbsent(p.face(), f -> new HashSet<>()).add(c.trackId());
          }
        }
      }
    }
    // A face seen in consecutive frames keeps one track id (a missed frame may not break it either).
    tracksPerFace.forEach((face, ids) -> assertThat(ids).as("track ids of face %d", face).hasSize(1));
  }

  @Test
  void shouldSampleFramesAtTheRequestedRate() throws Exception {
    IngestStats sampled = new IngestStats();
    List<Step> steps2;
    try (Source source = Pipelines.video(file, 2.5, "s1", sampled)) {
      steps2 = Pipelines.drain(source);
    }
    // 10 fps video at 2.5 fps: every 4th frame by timestamp, 400 ms apart; all frames still decoded.
    assertThat(sampled.framesDecoded()).isEqualTo(video.frames());
    assertThat(steps2).hasSize((video.frames() + 3) / 4);
    for (int i = 1; i < steps2.size(); i++) {
      assertThat(steps2.get(i).timestampMillis() - steps2.get(i - 1).timestampMillis()).isEqualTo(400);
    }
    assertThat(steps2.stream().mapToLong(Step::framesConsumed).sum()).isLessThanOrEqualTo(video.frames());
    // The same frame keeps the same crop identity whatever the sampling.
    Set<Long> frameNumbers = new HashSet<>();
    Pipelines.crops(steps2).forEach(c -> frameNumbers.add(c.frameNumber()));
    assertThat(frameNumbers).allMatch(n -> n % 4 == 0);
  }
}
