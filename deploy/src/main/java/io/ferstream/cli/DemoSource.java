package io.ferstream.cli;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.common.lifecycle.ServiceRunner;
import io.ferstream.common.topics.Topics;
import io.ferstream.ingest.config.IngestConfig;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.SessionIds;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.FrameSampler;
import io.ferstream.ingest.frame.VideoInput;
import io.ferstream.ingest.publish.CropPublisher;
import io.ferstream.ingest.publish.FaceCrops;
import io.ferstream.ingest.publish.KafkaCropPublisher;
import io.ferstream.ingest.publish.ProducerSettings;
import io.ferstream.ingest.run.IngestRunner;
import io.ferstream.ingest.run.IngestSummary;
import io.ferstream.ingest.run.Pacer;
import io.ferstream.ingest.run.ProgressBar;
import io.ferstream.ingest.source.DetectingSource;
import io.ferstream.ingest.source.Fer2013Source;
import io.ferstream.ingest.source.SyntheticSource;
import io.ferstream.ingest.track.IouTracker;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.data.Fer2013Reader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's producer of face crops: one of ingest's sources (synthetic faces, a video file, a FER2013 replay),
 * played in real time on its own thread and published to face-crops. The rate is the classifier's to keep up
 * with: the default release scores about ten crops a second on a laptop CPU. When a finite source ends, the
 * rest of the demo keeps running; {@link #close()} stops the source after its current step and delivers what is
 * in flight.
 */
final class DemoSource implements ServiceRunner.Service {

  private static final Logger log = LoggerFactory.getLogger(DemoSource.class);

  /** What to play. */
  sealed interface Kind permits Synthetic, Video, Fer2013 {}

  /** Synthetic faces: {@code sessions} people, {@code fps} crops each per second, until stopped. */
  record Synthetic(int sessions, double fps, long seed) implements Kind {}

  /** Faces detected in a video file, sampled at {@code fps} frames per second of video. */
  record Video(Path file, double fps) implements Kind {}

  /** FER2013 rows replayed as {@code sessions} side-by-side sessions at {@code fps} crops each per second. */
  record Fer2013(Path csv, int sessions, double fps) implements Kind {}

  private final Kind kind;
  private final Map<String, Object> settings;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<IngestSummary> summary = new AtomicReference<>();
  private final IngestStats stats = new IngestStats();
  private Thread thread;

  /** @param settings the demo's resolved settings (ingest's keys plus pass-through producer keys) */
  DemoSource(Kind kind, Map<String, Object> settings) {
    this.kind = kind;
    this.settings = settings;
  }

  @Override
  public void start() throws IOException {
    IngestConfig config = new IngestConfig(settings);
    long started = System.currentTimeMillis();
    // Opened here, not on the thread: a missing file or a bad CSV fails the demo's start with a clear message.
    Source source = open(started);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("producer.name", "ferstream-demo");
    meta.putAll(source.metadata());
    CropPublisher publisher = KafkaCropPublisher.create(ProducerSettings.producer(config, settings),
        Topics.from(config).faceCrops(), new FaceCrops(meta, Clock.systemUTC()), stats);
    thread = DaemonThreads.named("demo-source").newThread(() -> {
      try (source; publisher) {
        IngestSummary result = new IngestRunner(Pacer.realtime(1.0), ProgressBar.silent(), 0, stop)
            .run(describe(), config.faceCropsTopic(), source, publisher, stats);
        summary.set(result);
        if (!stop.get()) {
          log.info("Demo source finished; the dashboard keeps its sessions.\n{}", result.render());
        }
      } catch (RuntimeException e) {
        log.error("Demo source failed: {}", e.toString(), e);
      }
    });
    thread.start();
  }

  private Source open(long started) throws IOException {
    if (kind instanceof Synthetic s) {
      return new SyntheticSource("synthetic", s.sessions(), 0, s.fps(), s.seed(), started,
          Map.of("source.type", "synthetic", "source.uri", "synthetic:seed=" + s.seed()));
    }
    if (kind instanceof Fer2013 f) {
      Fer2013Data data = Fer2013Reader.builder().disgustPolicy(DisgustPolicy.DROP).build().read(f.csv());
      if (data.size() == 0) {
        throw new IOException(f.csv() + " has no rows");
      }
      return new Fer2013Source(data, "fer2013", 60, f.sessions(), f.fps(), started,
          Map.of("source.type", "fer2013", "source.uri", f.csv().toAbsolutePath().toString()));
    }
    Video v = (Video) kind;
    FFmpegFrameSource frames = FFmpegFrameSource.open(VideoInput.file(v.file()), stats);
    try {
      return new DetectingSource(frames, new FrameSampler(v.fps()), new CascadeFaceDetector(DetectorSettings.defaults()),
          new CropMaker(CropMaker.DEFAULT_MARGIN), IouTracker.defaults(), SessionIds.forFile("video", v.file()),
          started, null, stats, Map.of("source.type", "video", "source.uri", v.file().toAbsolutePath().toString()));
    } catch (RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  /** The source in words, for the console. */
  String describe() {
    if (kind instanceof Synthetic s) {
      return String.format("synthetic faces: %d sessions at %.1f crops/s each", s.sessions(), s.fps());
    }
    if (kind instanceof Fer2013 f) {
      return String.format("FER2013 replay of %s: %d sessions at %.1f crops/s each", f.csv(), f.sessions(), f.fps());
    }
    Video v = (Video) kind;
    return String.format("video %s, %.1f frames/s sampled for faces", v.file(), v.fps());
  }

  /** Crops delivered to Kafka so far. */
  long cropsAcked() {
    return stats.cropsAcked();
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    if (thread != null) {
      thread.join(45_000);
    }
  }
}
