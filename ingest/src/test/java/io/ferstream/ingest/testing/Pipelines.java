package io.ferstream.ingest.testing;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.FrameSampler;
import io.ferstream.ingest.frame.VideoInput;
import io.ferstream.ingest.source.DetectingSource;
import io.ferstream.ingest.track.IouTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The video pipeline as the {@code ingest video} command builds it, with default settings, for tests. */
public final class Pipelines {

  /** Epoch ms the tests give as the video's start time. */
  public static final long START = 1_700_000_000_000L;

  private Pipelines() {
  }

  public static Source video(Path file, double fps, String session, IngestStats stats) throws IOException {
    FFmpegFrameSource frames = FFmpegFrameSource.open(VideoInput.file(file), stats);
    return new DetectingSource(frames, new FrameSampler(fps), new CascadeFaceDetector(DetectorSettings.defaults()),
        new CropMaker(CropMaker.DEFAULT_MARGIN), IouTracker.defaults(), session, START, null, stats,
        Map.of("source.type", "video"));
  }

  /** Every step of a source until its end. */
  public static List<Step> drain(Source source) throws IOException {
    List<Step> steps = new ArrayList<>();
    for (Step step = source.next(); step != null; step = source.next()) {
      steps.add(step);
    }
    return steps;
  }

  public static List<Crop> crops(List<Step> steps) {
    return steps.stream().flatMap(s -> s.crops().stream()).toList();
  }
}
