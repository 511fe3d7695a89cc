package io.ferstream.ingest.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class IouTrackerTest {

  static FaceBox box(int x, int y) {
    return new FaceBox(x, y, 100, 100, 1280, 720);
  }

  @Test
  void shouldKeepTrackIdsForFacesThatMoveLittleBetweenFrames() {
    IouTracker tracker = IouTracker.defaults();
    assertThat(tracker.assign(List.of(box(0, 0), box(500, 0)))).containsExactly("t1", "t2");
    assertThat(tracker.assign(List.of(box(10, 5), box(490, 0)))).containsExactly("t1", "t2");
    // Order of detections does not matter, overlap does.
    assertThat(tracker.assign(List.of(box(480, 0), box(20, 10)))).containsExactly("t2", "t1");
  }

  @Test
  void shouldStartANewTrackForANewFaceAndNeverReuseIds() {
    IouTracker tracker = new IouTracker(0.3, 0);
    assertThat(tracker.assign(List.of(box(0, 0)))).containsExactly("t1");
    assertThat(tracker.assign(List.of())).isEmpty();
    // t1 missed one frame with maxMissed 0: it has ended, the face comes back as t2.
    assertThat(tracker.assign(List.of(box(0, 0)))).containsExactly("t2");
    assertThat(tracker.assign(List.of(box(0, 0), box(700, 300)))).containsExactly("t2", "t3");
  }

  @Test
  void shouldBridgeAFewFramesWhereTheDetectorMissedTheFace() {
    IouTracker tracker = IouTracker.defaults();
    tracker.assign(List.of(box(0, 0)));
    for (int i = 0; i < 5; i++) {
      tracker.assign(List.of());
    }
    assertThat(tracker.assign(List.of(box(5, 5)))).containsExactly("t1");
    assertThat(tracker.activeTracks()).isEqualTo(1);
  }

  @Test
  void shouldGiveOneTrackToOneFaceWhenTwoOverlapIt() {
    IouTracker tracker = IouTracker.defaults();
    tracker.assign(List.of(box(0, 0)));
    List<String> ids = tracker.assign(List.of(box(10, 0), box(40, 0)));
    assertThat(ids).containsExactly("t1", "t2");
  }
}
