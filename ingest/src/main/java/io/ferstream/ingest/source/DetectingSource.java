package io.ferstream.ingest.source;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.FaceDetector;
import io.ferstream.ingest.frame.FrameSampler;
import io.ferstream.ingest.frame.FrameSource;
import io.ferstream.ingest.frame.VideoFrame;
import io.ferstream.ingest.track.IouTracker;
import io.ferstream.schemas.Emotion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Frames in, crops out: samples the frames of a {@link FrameSource}, finds the faces in each, gives them track
 * ids and cuts their crops. One step per processed frame, also when it has no face (so pacing and progress
 * follow the video, and the count of frames without faces is right).
 */
public final class DetectingSource implements Source {

  private final FrameSource frames;
  private final FrameSampler sampler;
  private final FaceDetector detector;
  private final CropMaker cropMaker;
  private final IouTracker tracker;
  private final String sessionId;
  private final long baseEpochMillis;
  private final Function<String, Emotion> labels;
  private final IngestStats stats;
  private final Map<String, String> metadata;
  private long lastIndex = -1;
  private long lastSeen = -1;
  private long lastMicros;

  /**
   * @param sampler which frames to process ({@link FrameSampler#everyFrame()} when the source samples itself)
   * @param tracker null for no tracking (crops then carry no track id)
   * @param baseEpochMillis the wall-clock time of the source's time 0
   * @param labels a frame's ref (an image's path) to its label, or null when the source has no labels
   */
  public DetectingSource(FrameSource frames, FrameSampler sampler, FaceDetector detector, CropMaker cropMaker,
                         IouTracker tracker, String sessionId, long baseEpochMillis, Function<String, Emotion> labels,
                         IngestStats stats, Map<String, String> metadata) {
    this.frames = frames;
    this.sampler = sampler;
    this.detector = detector;
    this.cropMaker = cropMaker;
    this.tracker = tracker;
    this.sessionId = sessionId;
    this.baseEpochMillis = baseEpochMillis;
    this.labels = labels;
    this.stats = stats;
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put("detector", detector.describe());
    meta.put("crop.margin", String.valueOf(cropMaker.margin()));
    meta.put("tracking", tracker == null ? "off" : "iou");
    this.metadata = Map.copyOf(meta);
  }

  @Override
  public Step next() throws IOException {
    VideoFrame frame;
    while ((frame = frames.next()) != null) {
      lastSeen = frame.index();
      lastMicros = frame.micros();
      if (!sampler.keep(frame.micros())) {
        continue;
      }
      long consumed = frame.index() - lastIndex;
      lastIndex = frame.index();
      long timestamp = baseEpochMillis + frame.micros() / 1000;
      int side = Math.min(frame.gray().cols(), frame.gray().rows());
      if (side < detector.minFaceSize()) {
        stats.problem(Problem.IMAGE_TOO_SMALL, describe(frame) + " is " + frame.gray().cols() + "x"
            + frame.gray().rows() + ", smaller than the " + detector.minFaceSize() + " px minimum face");
        return new Step(timestamp, consumed, List.of());
      }
      List<Crop> crops;
      try {
        crops = crops(frame, timestamp);
      } catch (RuntimeException e) {
        // OpenCV reports its errors as RuntimeExceptions; one bad frame must not end a long video.
        stats.problem(Problem.DETECTION_FAILED, describe(frame) + ": " + e.getMessage());
        return new Step(timestamp, consumed, List.of());
      }
      stats.frameProcessed(crops.size());
      return new Step(timestamp, consumed, crops);
    }
    if (lastSeen > lastIndex) {
      // Frames after the last sampled one were read too: account for them so progress ends at 100%.
      long consumed = lastSeen - lastIndex;
      lastIndex = lastSeen;
      return new Step(baseEpochMillis + lastMicros / 1000, consumed, List.of());
    }
    return null;
  }

  private List<Crop> crops(VideoFrame frame, long timestamp) {
    List<FaceBox> faces = detector.detect(frame.gray());
    List<String> tracks = tracker == null ? null : tracker.assign(faces);
    Emotion label = labels == null || frame.ref() == null ? null : labels.apply(frame.ref());
    List<Crop> crops = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      FaceBox box = faces.get(i);
      crops.add(new Crop(sessionId, frame.index(), i, timestamp, tracks == null ? null : tracks.get(i), box,
          cropMaker.crop(frame.gray(), box), label, frame.ref()));
    }
    return crops;
  }

  private String describe(VideoFrame frame) {
    return frame.ref() != null ? frame.ref() : "frame " + frame.index() + " of " + frames.uri();
  }

  @Override
  public OptionalLong expectedFrames() {
    return frames.expectedFrames();
  }

  @Override
  public boolean live() {
    return frames.live();
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void close() {
    try {
      frames.close();
    } finally {
      detector.close();
      cropMaker.close();
    }
  }
}
