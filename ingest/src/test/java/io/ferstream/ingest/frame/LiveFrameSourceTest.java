package io.ferstream.ingest.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class LiveFrameSourceTest {

  /** A camera stand-in: frames whose pixels are their index, 10 ms apart, as fast as they are read. */
  static final class FakeCamera implements FrameSource {
    final int frames;
    final CountDownLatch done = new CountDownLatch(1);
    int next;
    Mat current;

    FakeCamera(int frames) {
      this.frames = frames;
    }

    @Override
    public VideoFrame next() throws IOException {
      if (current != null) {
        current.close();
      }
      if (next == frames) {
        done.countDown();
        return null;
      }
      int i = next++;
      current = new Mat(8, 8, CV_8UC1, new Scalar(i));
      return new VideoFrame(i, i * 10_000L, current, null);
    }

    @Override
    public OptionalLong expectedFrames() {
      return OptionalLong.empty();
    }

    @Override
    public double frameRate() {
      return 100;
    }

    @Override
    public boolean live() {
      return true;
    }

    @Override
    public String uri() {
      return "fake://camera";
    }

    @Override
    public void close() {
    }
  }

  @Test
  void shouldHandOutTheLatestFrameAndCountTheOnesDetectionHadNoTimeFor() throws Exception {
    FakeCamera camera = new FakeCamera(200);
    IngestStats stats = new IngestStats();
    List<Long> seen = new ArrayList<>();
    try (LiveFrameSource live = new LiveFrameSource(camera, FrameSampler.everyFrame(), stats)) {
      // The reader drains the whole camera before detection asks for anything: only the newest frame is kept.
      assertThat(camera.done.await(10, TimeUnit.SECONDS)).isTrue();
      for (VideoFrame f = live.next(); f != null; f = live.next()) {
        seen.add(f.index());
        assertThat(f.gray().ptr(0, 0).get() & 0xff).isEqualTo((int) f.index());
      }
    }
    assertThat(seen).containsExactly(199L);
    assertThat(stats.problems(Problem.LIVE_FRAME_DROPPED)).isEqualTo(199);
  }

  @Test
  void shouldSampleOnTheReaderThread() throws Exception {
    FakeCamera camera = new FakeCamera(100);
    IngestStats stats = new IngestStats();
    long kept = 0;
    try (LiveFrameSource live = new LiveFrameSource(camera, new FrameSampler(10), stats)) {
      assertThat(camera.done.await(10, TimeUnit.SECONDS)).isTrue();
      while (live.next() != null) {
        kept++;
      }
    }
    // 1 s of 100 fps sampled at 10 fps: 10 frames offered, all but the last dropped as nobody read them.
    assertThat(kept + stats.problems(Problem.LIVE_FRAME_DROPPED)).isEqualTo(10);
  }
}
