package io.ferstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropIdsTest {

  @Test
  void shouldGiveTheSameIdForTheSameSessionFrameAndFace() {
    assertThat(CropIds.of("s1", 42, 1)).isEqualTo(CropIds.of("s1", 42, 1));
  }

  @Test
  void shouldGiveDifferentIdsForDifferentCrops() {
    Set<String> ids = new HashSet<>();
    for (String session : new String[] {"s1", "s2", "s1 ", "s"}) {
      for (long frame = 0; frame < 50; frame++) {
        for (int face = 0; face < 4; face++) {
          ids.add(CropIds.of(session, frame, face));
        }
      }
    }
    assertThat(ids).hasSize(4 * 50 * 4);
    // Concatenation cannot collide: ("s1", 1) is not ("s", 11).
    assertThat(CropIds.of("s1", 1, 0)).isNotEqualTo(CropIds.of("s", 11, 0));
  }

  @Test
  void shouldDeriveTheSameSessionIdForTheSameFileAndAnotherForAnotherFile(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("interview one.mp4"), "a");
    Path b = Files.writeString(dir.resolve("other.mp4"), "b");
    assertThat(SessionIds.forFile("video", a)).isEqualTo(SessionIds.forFile("video", a))
        .matches("video-interview_one_mp4-[0-9a-f]{8}");
    assertThat(SessionIds.forFile("video", a)).isNotEqualTo(SessionIds.forFile("video", b));
  }

  @Test
  void shouldNameLiveSessionsAfterDeviceAndStartTime() {
    String id = SessionIds.forLive("url", "rtsp://cam.local:554/live", Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(id).matches("url-cam_local_554_live-20260102T030405Z-[0-9a-f]{4}");
  }

  @Test
  void shouldMeasureOverlapAsIntersectionOverUnion() {
    FaceBox a = new FaceBox(0, 0, 10, 10, 100, 100);
    assertThat(a.iou(a)).isEqualTo(1.0);
    assertThat(a.iou(new FaceBox(5, 0, 10, 10, 100, 100))).isEqualTo(50.0 / 150.0);
    assertThat(a.iou(new FaceBox(20, 20, 10, 10, 100, 100))).isZero();
  }
}
