package io.ferstream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.testing.Cli;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without Kafka: dry runs, messages for bad input, help. */
class IngestCommandTest {

  @TempDir Path dir;

  @Test
  void shouldListEverySourceInItsHelp() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("video", "camera", "url", "images", "fer2013", "synthetic");
    assertThat(Cli.run("video", "--help").out()).contains("--fps", "--session", "--detector", "--realtime",
        "--bootstrap-servers", "--dry-run");
  }

  @Test
  void shouldDryRunAVideoAndSaveItsCrops() throws Exception {
    TestVideo video = new TestVideo(640, 360, 10, 2, 8, TestFaces.detectable(2, 80));
    Path file = video.record(dir.resolve("clip.mp4"));
    Path crops = dir.resolve("crops");
    Cli.Result r = Cli.run("video", file.toString(), "--session", "s1", "--dry-run", "--no-progress",
        "--save-crops", crops.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("outcome                completed", "sessions               s1",
        "frames decoded         10", "nowhere (dry run)");
    try (Stream<Path> pngs = Files.list(crops.resolve("s1"))) {
      assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(14);
    }
  }

  @Test
  void shouldStopAtMaxFrames() {
    Cli.Result r = Cli.run("synthetic", "--frames", "0", "--no-realtime", "--max-frames", "9", "--dry-run",
        "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("stopped at --max-frames", "crops published        9 (delivered 9, failed 0)");
  }

  @Test
  void shouldSayClearlyWhatIsWrongWithTheInput() throws Exception {
    Cli.Result missing = Cli.run("video", dir.resolve("missing.mp4").toString(), "--dry-run");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("ferstream ingest video: no such file");

    Path text = Files.writeString(dir.resolve("notes.mp4"), "these are notes, not a video\n".repeat(100));
    Cli.Result junk = Cli.run("video", text.toString(), "--dry-run");
    assertThat(junk.exitCode()).isEqualTo(1);
    assertThat(junk.err()).contains("cannot open").contains("not a video FFmpeg can read");

    Cli.Result url = Cli.run("url", "not-a-url", "--dry-run");
    assertThat(url.exitCode()).isEqualTo(1);
    assertThat(url.err()).contains("is not a URL");

    Cli.Result detector = Cli.run("video", text.toString(), "--detector", "yolo", "--dry-run");
    assertThat(detector.exitCode()).isEqualTo(1);
  }

  @Test
  void shouldFailWhenNoFrameCouldBeRead() throws Exception {
    Files.writeString(dir.resolve("broken.png"), "not a png");
    Cli.Result r = Cli.run("images", dir.toString(), "--dry-run", "--no-progress");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("the source yielded no frame").contains("1 images that could not be read");
  }

  @Test
  void shouldParseStartTimes() {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    assertThat(StartTime.resolve("now", now, Optional::empty)).isEqualTo(now);
    assertThat(StartTime.resolve("2020-01-01T00:00:00Z", now, Optional::empty)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(StartTime.resolve("1700000000000", now, Optional::empty)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(StartTime.resolve("file", now, () -> Optional.of(Instant.EPOCH))).isEqualTo(Instant.EPOCH);
  }
}
