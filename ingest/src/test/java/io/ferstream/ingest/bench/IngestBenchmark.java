package io.ferstream.ingest.bench;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topic;
import io.ferstream.common.topics.Topics;
import io.ferstream.ingest.config.IngestConfig;
import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.crop.CropMaker;
import io.ferstream.ingest.detect.CascadeFaceDetector;
import io.ferstream.ingest.detect.DetectorSettings;
import io.ferstream.ingest.frame.FFmpegFrameSource;
import io.ferstream.ingest.frame.FrameSampler;
import io.ferstream.ingest.frame.VideoFrame;
import io.ferstream.ingest.frame.VideoInput;
import io.ferstream.ingest.publish.FaceCrops;
import io.ferstream.ingest.publish.KafkaCropPublisher;
import io.ferstream.ingest.publish.ProducerSettings;
import io.ferstream.ingest.source.DetectingSource;
import io.ferstream.ingest.testing.Cli;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import io.ferstream.ingest.track.IouTracker;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.testing.EmbeddedKafkaCluster;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Ingest throughput on this machine, printed as a markdown table (docs/benchmarks.md, section Ingest): a 720p
 * H.264 video recorded here (30 fps, two faces per frame) is decoded, run through detection, and published to
 * an embedded Kafka broker + Schema Registry.
 *
 * <pre>mvn -q -pl ingest test-compile exec:java -Dexec.args="--seconds 10"</pre>
 *
 * A main, not a test: the numbers depend on the machine and on what else runs on it (the load average is printed
 * with them).
 */
public final class IngestBenchmark {

  private record Row(String what, String rate, String cpu, String note) {
  }

  /** CPU time of the whole process (all threads, FFmpeg's and OpenCV's native ones included), ns. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private final List<Row> rows = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    int crops = 20_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--crops" -> crops = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("usage: [--seconds N] [--crops N]");
      }
    }
    new IngestBenchmark().run(seconds, crops);
  }

  void run(int seconds, int cropCount) throws Exception {
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Path dir = Files.createTempDirectory("ferstream-ingest-bench");
    List<TestFaces.Face> faces = TestFaces.detectable(6, 166);
    int frames = seconds * 30;
    TestVideo video = new TestVideo(1280, 720, 30, 0, frames / 3, faces);
    Path file = video.record(dir.resolve("bench-720p.mp4"));
    System.err.printf("recorded %s: %d frames, %d KiB%n", file, video.frames(), Files.size(file) / 1024);

    decodeOnly(file);
    List<Crop> videoCrops = detect(file, DetectorSettings.defaults(), 0,
        "decode + detect (haar-alt2 at 640 px) + crop + track");
    detect(file, DetectorSettings.defaults().withDetectWidth(0), 0,
        "decode + detect (haar-alt2 at full 1280 px) + crop + track");
    detect(file, DetectorSettings.defaults(), 5, "decode + detect at --fps 5 (every 6th frame)");
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start()) {
      List<Crop> sample = repeat(videoCrops, cropCount);
      publish(cluster, sample, "lz4");
      publish(cluster, sample, "zstd");
      publish(cluster, sample, "none");
      endToEnd(cluster, file, video.frames());
    }
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    print(video, file, load0, load1);
    Files.delete(file);
    Files.delete(dir);
  }

  private void decodeOnly(Path file) throws Exception {
    IngestStats stats = new IngestStats();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    long n = 0;
    try (FFmpegFrameSource frames = FFmpegFrameSource.open(VideoInput.file(file), stats)) {
      for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
        n++;
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    rows.add(new Row("decode only (FFmpeg H.264 -> 8-bit gray)", fmt(n / s) + " frames/s",
        fmt(n / cpu) + " frames/s", n + " frames"));
  }

  /** Runs the video through detection; returns its crops in publish order. */
  private List<Crop> detect(Path file, DetectorSettings settings, double fps, String what) throws Exception {
    IngestStats stats = new IngestStats();
    List<Crop> crops = new ArrayList<>();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    try (Source source = new DetectingSource(FFmpegFrameSource.open(VideoInput.file(file), stats),
        new FrameSampler(fps), new CascadeFaceDetector(settings), new CropMaker(0), IouTracker.defaults(), "bench", 0,
        null, stats, Map.of())) {
      for (Step step = source.next(); step != null; step = source.next()) {
        crops.addAll(step.crops());
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    String rate = fps == 0 ? fmt(stats.framesProcessed() / s) + " frames/s"
        : fmt(stats.framesDecoded() / s) + " frames/s decoded, " + fmt(stats.framesProcessed() / s) + " detected";
    String perCpu = fps == 0 ? fmt(stats.framesProcessed() / cpu) + " frames/s"
        : fmt(stats.framesDecoded() / cpu) + " decoded, " + fmt(stats.framesProcessed() / cpu) + " detected";
    rows.add(new Row(what, rate, perCpu, String.format(Locale.ROOT, "%d faces in %d frames; %s s of video per "
        + "CPU-second", stats.facesDetected(), stats.framesProcessed(), fmt(stats.framesDecoded() / 30.0 / cpu))));
    return crops;
  }

  /**
   * The video's crops in their own order, replayed as new sessions until there are {@code n}: each session's
   * partition sees what a real one does (consecutive crops of the same faces, which zstd exploits), and no batch
   * holds byte-identical copies that would flatter compression.
   */
  private static List<Crop> repeat(List<Crop> video, int n) {
    List<Crop> crops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Crop c = video.get(i % video.size());
      crops.add(new Crop("bench-" + i / video.size(), c.frameNumber(), c.faceIndex(), c.frameTimestampMillis(),
          c.trackId(), c.box(), c.pixels(), null, null));
    }
    return crops;
  }

  private void publish(EmbeddedKafkaCluster cluster, List<Crop> crops, String compression) throws Exception {
    String topic = cluster.uniqueTopic("bench-" + compression);
    cluster.createTopic(topic, 6);
    Map<String, Object> resolved = new HashMap<>();
    resolved.put(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    resolved.put(FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    resolved.put(FerStreamConfig.TOPIC_FACE_CROPS, topic);
    resolved.put(IngestConfig.COMPRESSION_TYPE, compression);
    IngestConfig config = new IngestConfig(resolved);
    Topic<String, FaceCrop> faceCrops = Topics.from(config).faceCrops();
    IngestStats stats = new IngestStats();
    FaceCrops avro = new FaceCrops(Map.of("source.type", "bench", "producer.host", "bench"), Clock.systemUTC());
    long t0;
    long c0;
    try (KafkaCropPublisher publisher = KafkaCropPublisher.create(ProducerSettings.producer(config, resolved),
        faceCrops, avro, stats)) {
      publisher.publish(crops.get(0));
      publisher.flush();
      c0 = cpuNanos();
      t0 = System.nanoTime();
      for (int i = 1; i < crops.size(); i++) {
        publisher.publish(crops.get(i));
      }
      publisher.flush();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    long bytes = topicBytes(cluster, topic);
    rows.add(new Row("publish only, compression " + compression, fmt((crops.size() - 1) / s) + " crops/s",
        fmt((crops.size() - 1) / cpu) + " crops/s (broker in the same JVM)", String.format(Locale.ROOT, "%d crops, %.0f bytes/crop on the broker, %d delivered", crops.size(),
            bytes / (double) crops.size(), stats.cropsAcked())));
  }

  private static long topicBytes(EmbeddedKafkaCluster cluster, String topic) throws Exception {
    try (Admin admin = cluster.admin()) {
      int broker = admin.describeCluster().nodes().get().iterator().next().id();
      Map<String, LogDirDescription> dirs = admin.describeLogDirs(Set.of(broker)).allDescriptions().get().get(broker);
      long bytes = 0;
      for (LogDirDescription d : dirs.values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
          if (e.getKey().topic().equals(topic)) {
            bytes += e.getValue().size();
          }
        }
      }
      return bytes;
    }
  }

  private void endToEnd(EmbeddedKafkaCluster cluster, Path file, int frames) {
    String topic = cluster.uniqueTopic("bench-e2e");
    cluster.createTopic(topic, 6);
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    Cli.Result r = Cli.run("video", file.toString(), "--session", "bench", "--no-progress",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "-D", "topic.face.crops=" + topic);
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    Matcher m = Pattern.compile("crops published\\s+(\\d+).*\\n.*\\n.*elapsed\\s+([0-9.]+) s \\(([0-9.]+) frames/s, "
        + "([0-9.]+) crops/s\\)", Pattern.DOTALL).matcher(r.out());
    if (r.exitCode() != 0 || !m.find()) {
      rows.add(new Row("`ingest video` end to end", "failed", "-", r.err().strip() + " " + r.out().strip()));
      return;
    }
    rows.add(new Row("`ingest video` end to end (decode, detect, publish)", m.group(3) + " frames/s, " + m.group(4)
        + " crops/s", fmt(frames / cpu) + " frames/s (broker in the same JVM)", m.group(1) + " crops, " + fmt(s)
        + " s including producer and registry setup"));
  }

  private void print(TestVideo video, Path file, double load0, double load1) throws Exception {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Video: %dx%d H.264, %d frames at %.0f fps, 2 faces per frame (%s), %d KiB%n",
        1280, 720, video.frames(), video.fps(), TestFaces.realFaces() ? "FER2013 faces" : "drawn faces",
        Files.size(file) / 1024));
    b.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s, load average %.1f before / %.1f after%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load0, load1));
    b.append("| stage | wall-clock rate | per CPU-second | notes |\n|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ").append(r.what()).append(" | ").append(r.rate()).append(" | ").append(r.cpu()).append(" | ")
          .append(r.note()).append(" |\n");
    }
    System.out.print(b);
    System.out.flush();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }
}
