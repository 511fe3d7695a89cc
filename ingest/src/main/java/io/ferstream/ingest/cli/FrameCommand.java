package io.ferstream.ingest.cli;

import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.FaceDetector;
import io.ferstream.ingest.frame.FrameSampler;
import io.ferstream.ingest.frame.FrameSource;
import io.ferstream.ingest.frame.LiveFrameSource;
import io.ferstream.ingest.source.DetectingSource;
import io.ferstream.ingest.track.IouTracker;
import io.ferstream.schemas.Emotion;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/** Base of the commands that decode frames and detect faces in them (video, camera, url, images). */
abstract class FrameCommand extends AbstractIngestCommand {

  @Mixin DetectionOptions detection;

  /**
   * Wraps {@code frames} into the detection pipeline. Live sources are sampled on their reader thread, so that
   * frames detection has no time for are dropped rather than queued.
   *
   * @param fps sampling rate, 0 for every frame
   * @param detector null for the cascade of the options
   * @param labels an image path to its label, or null
   */
  protected Source detecting(FrameSource frames, double fps, String sessionId, Instant start, FaceDetector detector,
                             Function<String, Emotion> labels, Map<String, String> metadata, IngestStats stats) {
    return detecting(frames, fps, sessionId, start, detector, labels, metadata, stats, !detection.noTracking);
  }

  /** As above; {@code track} false turns tracking off whatever the options say (unrelated images). */
  protected Source detecting(FrameSource frames, double fps, String sessionId, Instant start, FaceDetector detector,
                             Function<String, Emotion> labels, Map<String, String> metadata, IngestStats stats,
                             boolean track) {
    FrameSource input = frames;
    FrameSampler sampler = new FrameSampler(fps);
    if (frames.live()) {
      input = new LiveFrameSource(frames, sampler, stats);
      sampler = FrameSampler.everyFrame();
    }
    FaceDetector faces = detector;
    CropMaker cropMaker = null;
    try {
      if (faces == null) {
        faces = new CascadeFaceDetector(detection.settings());
      }
      cropMaker = new CropMaker(detection.margin);
      IouTracker tracker = track ? IouTracker.defaults() : null;
      Map<String, String> meta = new java.util.LinkedHashMap<>(metadata);
      meta.put("sampling.fps", fps == 0 ? "all" : String.valueOf(fps));
      return new DetectingSource(input, sampler, faces, cropMaker, tracker, sessionId, start.toEpochMilli(), labels,
          stats, meta);
    } catch (RuntimeException e) {
      input.close();
      if (faces != null) {
        faces.close();
      }
      if (cropMaker != null) {
        cropMaker.close();
      }
      throw e;
    }
  }
}
