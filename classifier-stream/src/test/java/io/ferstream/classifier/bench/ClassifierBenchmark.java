package io.ferstream.classifier.bench;

import io.ferstream.classifier.app.AvroSerdes;
import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.inference.InferenceEngine;
import io.ferstream.classifier.inference.Nd4jRuntime;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.ForwardingEngine;
import io.ferstream.classifier.testing.TestBundles;
import io.ferstream.kafka.EmbeddedKafkaBroker;
import io.ferstream.common.runtime.NativeBinary;
import io.ferstream.registry.SchemaRegistryServer;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.testing.TestDirs;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark of the classifier stream (not a test): in one run, on the embedded broker and registry,
 * <ol>
 *   <li>the pure inference rate of the ensemble, per batch size;</li>
 *   <li>the transport ceiling: producer to consumer (read_committed) of the same crop payloads, no inference;</li>
 *   <li>end to end through the application (exactly_once_v2), for every batch.max.size x batch.max.delay.ms: the
 *       throughput on a backlog, then the latency (ingest to a read_committed consumer) at half that rate;</li>
 *   <li>per row, the latency floor: the same application, settings and rate with an engine that costs nothing
 *       ({@code --floor false} skips it).</li>
 * </ol>
 * Prints a Markdown table. Run:
 * <pre>
 * cd classifier-stream
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -Xmx3g -XX:+ExplicitGCInvokesConcurrent -XX:MaxGCPauseMillis=5 \
 *   -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *   io.ferstream.classifier.bench.ClassifierBenchmark --bundle ../releases/vgg-bn-e24-s47-last1.zip
 * </pre>
 * Options: {@code --bundle PATH} (default: a random-initialised ref4 ensemble), {@code --members N},
 * {@code --engine auto|samediff|dl4j} (default auto, as {@code inference.engine}),
 * {@code --sizes 1,8,...}, {@code --delays 10,50,...}, {@code --crops N} (backlog per row, default 2000), {@code --latency-seconds S},
 * {@code --partitions P}, {@code --commit-interval-ms MS}, {@code --commit-on-forward true|false} (as
 * {@code batch.commit.on.forward}), {@code --commit-min-spacing-ms MS} (as
 * {@code batch.commit.on.forward.min.spacing.ms}), {@code --commit-max-lag-ms MS} (as {@code batch.commit.on.forward.max.lag.ms};
 * default: the key's default), {@code --warmup-crops N} (crops per warm-up application, not reported, before
 * the rows; default 2000, 0 = none), {@code --warmup-rounds N} (warm-up applications until the JIT is quiet, at most
 * N; default 8), {@code --repeats N} (end-to-end runs per row, and as many floor runs: the median run is reported,
 * the spread printed), {@code --floor-crops N} (the floor's backlog: crops its application scores before its
 * latency phase; default: the row's own backlog), {@code --cpu-threads N} (prints the N busiest threads of every
 * throughput phase, CPU ms per crop), {@code --slowest N} (prints the N slowest samples of every latency
 * phase: when in the phase they were sent, and their parts), {@code --pipelined true|false}
 * (as {@code batch.pipelined}), {@code --max-in-flight N} (as {@code batch.max.in.flight}), {@code --threads N} (as {@code inference.threads}; 0 =
 * ND4J's choice; the OpenMP team of every scoring thread), {@code --slices N} (as {@code inference.slices}),
 * {@code --crops-per-thread N} (as {@code inference.crops.per.thread}, default as the application), {@code --pure-threads 1,2} (OpenMP
 * team sizes at which
 * pure inference is measured, each in one pass and in one slice per thread, one batch at a time and, when
 * {@code --max-in-flight} is above 1, that many at once, the fastest kept: the machine's limit; default 1 and the
 * number of cores),
 * {@code --pure-only true} (only the first table), {@code --charts DIR} (two PNGs of the end-to-end
 * rows).
 */
public final class ClassifierBenchmark {

  /** Share of a core under which the JIT's compiler threads count as quiet after a warm-up application. */
  static final double JIT_QUIET = 0.05;

  /** The end-to-end backlog holds at least this many full batches. */
  private static final int BACKLOG_BATCHES = 24;

  private final Map<String, String> options;
  private final int partitions;
  /** The run's scratch directory (broker data, application state): deleted when the run ends. */
  private Path work;
  private EmbeddedKafkaBroker broker;
  private SchemaRegistryServer registry;
  private InferenceEngine engine;
  private Path bundle;
  private Serializer<FaceCrop> cropSerializer;
  private Deserializer<EmotionEvent> eventDeserializer;
  private final List<byte[]> pixels = new ArrayList<>();
  /** OpenMP team sizes at which pure inference is measured. */
  private int[] pureThreads;
  /** inference.threads and inference.slices of the application (end to end). */
  private int appThreads;
  private int appSlices;
  /** End-to-end runs per row ({@code --repeats}, default 1). */
  private int repeats = 1;
  /** Whether each row also measures its latency floor (the same application with an engine that costs nothing). */
  private boolean floor = true;
  /**
   * The floor's backlog ({@code --floor-crops}; 0, the default: the row's own backlog): how long its application runs
   * before its latency phase.
   */
  private int floorBacklog;
  /** inference.crops.per.thread of the application; the pure measurement always uses whole-share teams. */
  private int appCropsPerThread;
  /**
   * batch.max.in.flight of the application: the pure rate is also measured with this many batches handed to the
   * engine at once (by as many caller threads, as the application's scorer threads do), so that the overlap the
   * application gets is never an extra the pure rate lacks.
   */
  private int appMaxInFlight;
  /** The pure measurement's caller threads (created once: engines may keep native state per calling thread). */
  private ExecutorService pureCallers;

  private ClassifierBenchmark(Map<String, String> options) {
    this.options = options;
    this.partitions = Integer.parseInt(options.getOrDefault("partitions", "6"));
  }

  public static void main(String[] args) throws Exception {
    NativeBinary.selectFastest(); // before any ND4J class loads, as ferstream classify does
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    ClassifierBenchmark benchmark = new ClassifierBenchmark(options);
    try {
      benchmark.run();
    } finally {
      // a grid writes gigabytes of broker logs; left behind, a few runs fill /tmp (best effort: after a failed run a
      // broker may still be writing there)
      if (benchmark.work != null) {
        TestDirs.deleteRecursively(benchmark.work);
      }
    }
    System.exit(0);
  }

  private int[] ints(String key, String dflt) {
    return Arrays.stream(options.getOrDefault(key, dflt).split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private void run() throws Exception {
    appThreads = Integer.parseInt(options.getOrDefault("threads", "0"));
    appSlices = Integer.parseInt(options.getOrDefault("slices", "0"));
    appMaxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight",
        String.valueOf(ClassifierConfig.BATCH_MAX_IN_FLIGHT_DEFAULT)));
    pureCallers = Executors.newFixedThreadPool(Math.max(1, appMaxInFlight), r -> {
      Thread t = new Thread(r, "pure-caller");
      t.setDaemon(true);
      return t;
    });
    appCropsPerThread = Integer.parseInt(options.getOrDefault("crops-per-thread",
        Integer.toString(ClassifierConfig.INFERENCE_CROPS_PER_THREAD_DEFAULT)));
    String nd4j = Nd4jRuntime.configure(appThreads, appSlices, appCropsPerThread);
    int cores = Runtime.getRuntime().availableProcessors();
    pureThreads = ints("pure-threads", cores > 1 ? "1," + cores : "1");
    work = Files.createTempDirectory("ferstream-bench-");
    broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).port(0).build();
    broker.start();
    registry = SchemaRegistryServer.builder().port(0).inMemoryStore().build().start();
    ClassifierConfig serdeConfig = ClassifierConfig.of(Map.of(ClassifierConfig.SCHEMA_REGISTRY_URL, registry.url()));
    cropSerializer = AvroSerdes.topology(serdeConfig).faceCrop().serializer();
    eventDeserializer = AvroSerdes.topology(serdeConfig).emotionEvent().deserializer();

    if (options.containsKey("bundle")) {
      bundle = Path.of(options.get("bundle"));
    } else {
      bundle = work.resolve("bench-ref4.zip");
      TestBundles.ref4(bundle, "bench-ref4x" + options.getOrDefault("members", "3"),
          Integer.parseInt(options.getOrDefault("members", "3")));
    }
    EngineKind kind = EngineKind.parse(options.getOrDefault("engine", "auto"));
    long loadStart = System.nanoTime();
    engine = kind.loader().load(bundle.getFileName().toString(), Files.readAllBytes(bundle));
    long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
    Random random = new Random(7);
    for (int i = 0; i < 512; i++) {
      byte[] p = new byte[48 * 48];
      random.nextBytes(p);
      pixels.add(p);
    }

    int[] sizes = ints("sizes", "1,8,32,64,128,256");
    int[] delays = ints("delays", "10,50,200");
    // 2,000 crops: a backlog of 600 (the default until 2026-11-30) lasted ~2 s at 8 crops per batch, and rows moved by
    // 10-25 % between runs
    int crops = Integer.parseInt(options.getOrDefault("crops", "2000"));
    repeats = Math.max(1, Integer.parseInt(options.getOrDefault("repeats", "1")));
    floor = Boolean.parseBoolean(options.getOrDefault("floor", "true"));
    floorBacklog = Integer.parseInt(options.getOrDefault("floor-crops", "0"));

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Run %s, %d cores, load average %.2f at start; ND4J: %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), nd4j));
    out.append(String.format(Locale.ROOT, "Release %s: %d member(s); inference.engine=%s -> engine %s (loaded and "
        + "checked in %d ms); %d partitions; commit.interval.ms=%s; batch.pipelined=%s; batch.max.in.flight=%s; "
        + "batch.commit.on.forward=%s; batch.commit.on.forward.max.lag.ms=%s; "
        + "batch.commit.on.forward.min.spacing.ms=%s; broker, registry, producer, "
        + "consumer and classifier in one JVM.%n%n", engine.releaseId(), engine.ensembleSize(), kind.configValue(),
        engine.engine(), loadMs, partitions, options.getOrDefault("commit-interval-ms", "100"),
        options.getOrDefault("pipelined", "true"),
        options.getOrDefault("max-in-flight", String.valueOf(ClassifierConfig.BATCH_MAX_IN_FLIGHT_DEFAULT)),
        options.getOrDefault("commit-on-forward", "true"),
        options.getOrDefault("commit-max-lag-ms",
            String.valueOf(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS_DEFAULT)),
        options.getOrDefault("commit-min-spacing-ms",
            String.valueOf(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS_DEFAULT))));

    out.append("**Pure inference** (ensemble forward passes on stacked batches, no Kafka)\n\n")
        .append("| batch | ms/batch | p50 / p99 ms | crops/s | crops per CPU-second | fastest at threads x slices (x batches in flight) |\n"
            + "|---:|---:|---:|---:|---:|---:|\n");
    Map<Integer, double[]> pure = new HashMap<>();
    for (int b : sizes) {
      double[] r = pureInference(b);
      pure.put(b, r);
      out.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f / %.0f | %.0f | %.0f | %s |%n", b, r[0], r[3], r[4],
          r[1], r[2], pureConfig(r, " x ")));
      System.out.print(out);
      out.setLength(0);
    }
    double bestPure = pure.values().stream().mapToDouble(r -> r[1]).max().orElse(0);
    if (options.containsKey("pure-only")) {
      engine.close();
      registry.close();
      broker.close();
      return;
    }

    double transport = transportCeiling(Math.max(3000, crops * 3));
    out.append(String.format(Locale.ROOT, "%n**Transport ceiling** (same %d-byte payloads, idempotent producer -> "
        + "read_committed consumer, no inference): %.0f crops/s%n%n", cropSerializer.serialize("t",
        Crops.crop("s", 0, 1)).length, transport));

    out.append("**End to end** (exactly_once_v2; throughput on a backlog of ").append(crops)
        .append(" crops or ").append(BACKLOG_BATCHES).append(" full batches, whichever is more; pure inference at the same batch size measured just before and just after each row, averaged; "
            + "latency at half the ")
        .append("row's throughput, from the crop's ingest time to a read_committed consumer (consumer) or to ")
        .append("classification (in-app); target p99 = batch.max.delay.ms + 2 x pure ms/batch at batch.max.size ")
        .append("(the fastest with one batch at a time); ")
        .append("floor p99 = consumer p99 of the same application, settings and arrival rate with an engine that ")
        .append("costs nothing (Kafka, the transaction commit and the batching wait: the machine's own floor); ")
        .append("over floor = floor p99 + 2 x pure ms/batch)\n\n")
        .append("| batch.max.size | batch.max.delay.ms | e2e crops/s | pure crops/s (fastest threads x slices before / after) | e2e / pure | e2e crops/CPU-s "
            + "| pure crops/CPU-s | e2e / pure (CPU) | mean batch | pure ms/batch | consumer p50 ms | consumer p99 ms "
            + "| in-app p99 ms | target p99 ms | p99 met | floor p99 ms | floor + 2 x batch ms | p99 met over floor |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|:---:|\n");
    System.out.print(out);
    out.setLength(0);
    // A first application in this JVM runs while the JIT compiles the broker's, the clients' and Kafka Streams' hot
    // paths: measured on the first row (1 crop, 10 ms), the compiler threads took 0.4 of a core through its whole
    // throughput phase. One warm-up application of 2,000 crops was not enough: the compiler threads still took
    // 0.4-0.6 of a core through the first rows after it (read from /proc, 2026-11-30; ~4,800 methods deoptimised and
    // compiled again). A classifier runs for hours, so warm-up applications (not reported) run until the JIT is
    // quiet: under JIT_QUIET of a core through the last one, or --warmup-rounds of them.
    int warmup = Integer.parseInt(options.getOrDefault("warmup-crops", "2000"));
    int warmupRounds = Integer.parseInt(options.getOrDefault("warmup-rounds", "8"));
    for (int round = 1; warmup > 0 && round <= warmupRounds; round++) {
      long w0 = System.nanoTime();
      long jit0 = ThreadCpu.jitNanos();
      int size = round % 2 == 1 ? 1 : 8; // one transaction per crop (the most Kafka code per crop), then batches
      endToEnd(size, 10, warmup);
      long elapsed = System.nanoTime() - w0;
      double jitShare = (double) (ThreadCpu.jitNanos() - jit0) / elapsed;
      System.out.printf(Locale.ROOT, "(warm-up application %d: %d crops at batch.max.size %d, 10 ms, in %.0f s; "
          + "JIT %.2f of a core; not reported)%n", round, warmup, size, elapsed / 1e9, jitShare);
      if (jitShare < JIT_QUIET) {
        break;
      }
    }
    System.out.println();
    List<double[]> chartRows = new ArrayList<>();
    StringBuilder spreads = new StringBuilder();
    StringBuilder breakdowns = new StringBuilder();
    StringBuilder cpuRows = new StringBuilder();
    for (int size : sizes) {
      for (int delay : delays) {
        double[] pureBefore = pureInference(size);
        // at least BACKLOG_BATCHES full batches: 600 crops were only 2-3 batches of 256, and the throughput of a row
        // then hangs on its first and last batch
        int backlog = Math.max(crops, BACKLOG_BATCHES * size);
        List<EndToEnd> runs = new ArrayList<>();
        try {
          for (int i = 0; i < repeats; i++) {
            runs.add(endToEnd(size, delay, backlog));
          }
        } catch (Exception e) {
          out.append(String.format(Locale.ROOT, "| %d | %d | failed: %s |%n", size, delay, e));
          System.out.print(out);
          out.setLength(0);
          continue;
        }
        // With --repeats N the row is the run of median throughput, and its p99 the median of the runs' p99s (the
        // same configuration moves by 20-40 % between runs here); the spread is printed below the tables.
        EndToEnd r = medianRun(runs);
        // The machine's own limit, measured just before and just after the row (3 s each), averaged: one window
        // alone swings by 10-20 % on this machine.
        double[] pureAfter = pureInference(size);
        double[] pureNow = mean(pureBefore, pureAfter);
        double target = delay + 2 * pureNow[8];
        // The machine's own latency floor for this row: the same application, batch settings and arrival rate, with
        // an engine that costs nothing. The target counts the model only; what Kafka's hops, the
        // transaction commit and the batching wait cost on these two cores shows here, measured in the same run.
        // Its backlog is the row's own, so that its latency phase starts as long after the application started as
        // the row's: with 200 crops (until 2026-11-30 17:13 UTC) it began 1-2 s after the start, and its p99 at 1 crop
        // per batch was 59-66 ms against 12-21 ms after 2,000 crops (docs/benchmarks.md).
        // With --repeats N the floor runs N times too (its p99 the median).
        int floorCrops = floorBacklog > 0 ? Math.max(floorBacklog, 4 * size) : backlog;
        List<EndToEnd> floorRuns = new ArrayList<>();
        for (int i = 0; floor && i < repeats; i++) {
          floorRuns.add(endToEnd(size, delay, floorCrops, new NoInferenceEngine(), r.throughput / 2));
        }
        EndToEnd floorRun = floorRuns.isEmpty() ? null : medianRun(floorRuns);
        if (repeats > 1) {
          spreads.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s |%n", size, delay,
              join(runs.stream().mapToDouble(EndToEnd::throughput).toArray()),
              join(runs.stream().mapToDouble(EndToEnd::latencyP99).toArray()),
              floorRuns.isEmpty() ? "-" : join(floorRuns.stream().mapToDouble(EndToEnd::latencyP99).toArray())));
        }
        double floorP99 = floorRun != null ? floorRun.latencyP99() : Double.NaN;
        double floorTarget = floorP99 + 2 * pureNow[8];
        chartRows.add(new double[] {size, delay, r.throughput, pureNow[1], r.latencyP99, target, floorTarget});
        out.append(String.format(Locale.ROOT,
            "| %d | %d | %.0f | %.0f (%s / %s) | %.0f%% | %.0f | %.0f | %.0f%% | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %.0f | %.0f | %s |%n",
            size, delay, r.throughput, pureNow[1], pureConfig(pureBefore, "x"), pureConfig(pureAfter, "x"), 100 * r.throughput / pureNow[1], r.perCpuSecond, pureNow[2],
            100 * r.perCpuSecond / pureNow[2], r.meanBatch, pureNow[8], r.latencyP50, r.latencyP99, r.inAppP99,
            target, r.latencyP99 <= target ? "yes" : "no", floorP99, floorTarget,
            Double.isNaN(floorP99) ? "-" : r.latencyP99 <= floorTarget ? "yes" : "no"));
        Breakdown b = r.breakdown();
        breakdowns.append(breakdownRow(Integer.toString(size), delay, b, floorRun == null ? "-"
            : String.format(Locale.ROOT, "%.1f%%", 100 * floorRun.breakdown().forwardsAtInterval())));
        if (floorRun != null) {
          // where the floor's own latency went: with an engine that costs nothing, what is left is Kafka's
          breakdowns.append(breakdownRow(size + " (floor)", delay, floorRun.breakdown(), "-"));
        }
        cpuRows.append(String.format(Locale.ROOT, "| %d | %d |", size, delay));
        for (String group : ThreadCpu.GROUPS) {
          cpuRows.append(String.format(Locale.ROOT, " %.2f |", b.cpuPerCrop().getOrDefault(group, 0.0)));
        }
        cpuRows.append(String.format(Locale.ROOT, " %.2f |%n", 1000 / r.perCpuSecond));
        System.out.print(out);
        out.setLength(0);
      }
    }
    out.append("\n**Latency breakdown** (latency phase, p50 / p99 ms: the harness producer's send to its "
        + "acknowledgement (acks=all); ingest to the batch's start less queueing, "
        + "plus inference; queueing in the batch; classification to the read_committed consumer; then the stream "
        + "thread's commits and where its time went; the share of forwarded batches whose commit was left to "
        + "commit.interval.ms because the stream was behind batch.commit.on.forward.max.lag.ms, in the row and in its "
        + "floor)\n\n")
        .append("| batch.max.size | batch.max.delay.ms | producer ack | to thread + inference | queued | after scoring | inference ms "
            + "| commits/s | commit ms avg | commit ms max | poll | process | punctuate | commit | forwards at interval "
            + "| floor's forwards at interval |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n").append(breakdowns);
    out.append("\n**CPU per crop** (throughput phase, ms of CPU time per event, by thread: JIT = the JVM's "
        + "compiler threads, GC = its GC threads and VM thread, native = the rest of the process's CPU time: ND4J's "
        + "OpenMP threads, mostly)\n\n|"
        + " batch.max.size | batch.max.delay.ms |");
    for (String group : ThreadCpu.GROUPS) {
      out.append(' ').append(group).append(" |");
    }
    out.append(" total |\n|---:|---:|").append("---:|".repeat(ThreadCpu.GROUPS.size() + 1)).append('\n')
        .append(cpuRows);
    if (repeats > 1) {
      out.append("\n**Runs per row** (").append(repeats).append(" end-to-end runs each; the tables show the run of "
          + "median throughput and the median p99; the floor ran as often, its median p99 shown)\n\n"
          + "| batch.max.size | batch.max.delay.ms | e2e crops/s of each run "
          + "| consumer p99 ms of each run | floor p99 ms of each run |\n|---:|---:|---:|---:|---:|\n").append(spreads);
    }
    out.append(String.format(Locale.ROOT, "%nBest pure inference (first table): %.0f crops/s; transport ceiling %.0f "
        + "crops/s; load average at the end %.2f.%n", bestPure, transport,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    System.out.print(out);
    if (options.containsKey("charts")) {
      writeCharts(Path.of(options.get("charts")), chartRows, delays);
    }
    engine.close();
    registry.close();
    broker.close();
  }

  /** One row of the latency breakdown table. */
  private static String breakdownRow(String size, int delay, Breakdown b, String floorAtInterval) {
    return String.format(Locale.ROOT,
        "| %s | %d | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.1f | %.1f | %.0f | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.1f%% | %s |%n",
        size, delay, b.acked()[0], b.acked()[1], b.toThread()[0], b.toThread()[1], b.queued()[0], b.queued()[1],
        b.afterScoring()[0], b.afterScoring()[1], b.thread().get("inference-p50"), b.thread().get("inference-p99"),
        b.thread().getOrDefault("commit-rate", Double.NaN),
        b.thread().getOrDefault("commit-latency-avg", Double.NaN),
        b.thread().getOrDefault("commit-latency-max", Double.NaN),
        100 * b.thread().getOrDefault("poll-ratio", Double.NaN),
        100 * b.thread().getOrDefault("process-ratio", Double.NaN),
        100 * b.thread().getOrDefault("punctuate-ratio", Double.NaN),
        100 * b.thread().getOrDefault("commit-ratio", Double.NaN), 100 * b.forwardsAtInterval(), floorAtInterval);
  }

  /**
   * classifier-throughput.png (end to end per delay, and pure inference, against the batch size) and
   * classifier-latency.png (consumer p99 per delay against its target) in {@code dir}.
   */
  private static void writeCharts(Path dir, List<double[]> rows, int[] delays) throws java.io.IOException {
    Files.createDirectories(dir);
    Map<String, double[][]> throughput = new java.util.LinkedHashMap<>();
    Map<String, double[][]> latency = new java.util.LinkedHashMap<>();
    for (int delay : delays) {
      List<double[]> mine = rows.stream().filter(r -> r[1] == delay).toList();
      if (mine.isEmpty()) {
        continue;
      }
      double[] xs = mine.stream().mapToDouble(r -> r[0]).toArray();
      throughput.put("end to end, " + delay + " ms", new double[][] {xs, mine.stream().mapToDouble(r -> r[2]).toArray()});
      throughput.putIfAbsent("pure inference", new double[][] {xs, mine.stream().mapToDouble(r -> r[3]).toArray()});
      latency.put("p99, " + delay + " ms", new double[][] {xs, mine.stream().mapToDouble(r -> r[4]).toArray()});
      latency.put("target, " + delay + " ms", new double[][] {xs, mine.stream().mapToDouble(r -> r[5]).toArray()});
      if (mine.stream().noneMatch(r -> Double.isNaN(r[6]))) {
        latency.put("floor + 2 x batch, " + delay + " ms",
            new double[][] {xs, mine.stream().mapToDouble(r -> r[6]).toArray()});
      }
    }
    io.ferstream.model.charts.Charts.lineChart("Classifier throughput (exactly_once_v2)", "batch.max.size",
        "crops/s", throughput, dir.resolve("classifier-throughput.png"), true, true);
    io.ferstream.model.charts.Charts.lineChart("Classifier latency: ingest to read_committed consumer, p99",
        "batch.max.size", "ms", latency, dir.resolve("classifier-latency.png"), true, true);
    System.out.println("Charts: " + dir.resolve("classifier-throughput.png") + ", "
        + dir.resolve("classifier-latency.png"));
  }

  /** Element-wise mean of two pure-inference measurements. */
  private static double[] mean(double[] a, double[] b) {
    double[] m = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      m[i] = (a[i] + b[i]) / 2;
    }
    return m;
  }

  /** CPU time of this whole process (every thread: inference, broker, clients), nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** "threads x slices", with " x N" when N batches were in flight (the fastest pure configuration). */
  private static String pureConfig(double[] r, String times) {
    String c = String.format(Locale.ROOT, "%.0f%s%.0f", r[5], times, r[6]);
    return r[7] > 1 ? c + String.format(Locale.ROOT, "%s%.0f", times, r[7]) : c;
  }

  /**
   * The machine's pure inference limit at a batch size: measured at every thread count of {@code --pure-threads}
   * (default 1 and the number of cores), each in one pass (inference.slices=1) and, with more than one thread, in
   * one slice per thread, each with one batch at a time and, when the application has more than one in flight, with
   * that many handed to the engine at once; the fastest kept; the application's setting is restored after. Returns
   * [ms per batch, crops/s, crops per CPU-second, p50 and p99 ms per batch, the winning thread count, its slice
   * count, its batches in flight, the fastest ms per batch of any configuration with one batch at a time]. The last
   * is the batch inference time of the p99 targets: with batches overlapped a batch's own time can include part of
   * the one before it, which would loosen the target.
   */
  private double[] pureInference(int batch) {
    double[] best = null;
    double oneAtATimeMs = Double.POSITIVE_INFINITY;
    try {
      for (int threads : pureThreads) {
        for (int slices : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
          // whole-share teams: every team size from 1 up is among the configurations tried, so the application's
          // smaller teams for small batches are one of them, never an extra the pure rate lacks
          Nd4jRuntime.useThreads(threads, slices, 0);
          for (int inFlight : appMaxInFlight > 1 ? new int[] {1, appMaxInFlight} : new int[] {1}) {
            double[] r = pureInference(batch, inFlight);
            if (inFlight == 1) {
              oneAtATimeMs = Math.min(oneAtATimeMs, r[0]);
            }
            if (best == null || r[1] > best[1]) {
              best = Arrays.copyOf(r, 9);
              best[5] = threads;
              best[6] = slices;
              best[7] = inFlight;
            }
          }
        }
      }
    } finally {
      Nd4jRuntime.useThreads(appThreads, appSlices, appCropsPerThread);
    }
    best[8] = oneAtATimeMs;
    return best;
  }

  /**
   * [ms per batch, crops/s, crops per CPU-second, p50 and p99 ms per batch] over at least 3 s after a warm-up, with
   * {@code inFlight} caller threads each handing the engine its next batch as soon as its last one is back (as the
   * application's scorer threads do; 1: one batch at a time). One at a time, a batch's time is its call's and the
   * ms per batch is the wall time per batch; overlapped, a batch's time is the engine's own ({@code predictTimed}:
   * from its first pass's start to its last one's end, not the wait behind the others) and the ms per batch their
   * mean.
   */
  private double[] pureInference(int batch, int inFlight) {
    List<byte[]> crops = new ArrayList<>(pixels.subList(0, Math.min(batch, pixels.size())));
    while (crops.size() < batch) {
      crops.add(pixels.get(crops.size() % pixels.size()));
    }
    for (int i = 0; i < 3; i++) {
      engine.predict(crops);
    }
    List<Double> times = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger batches = new AtomicInteger();
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    List<Future<?>> callers = new ArrayList<>();
    for (int c = 0; c < inFlight; c++) {
      callers.add(pureCallers.submit(() -> {
        while (System.nanoTime() - t0 < 3_000_000_000L || batches.get() < 2 * inFlight) {
          long b0 = System.nanoTime();
          InferenceEngine.Prediction p = engine.predictTimed(crops);
          times.add(inFlight == 1 ? (System.nanoTime() - b0) / 1e6 : p.inferenceMillis());
          batches.incrementAndGet();
        }
      }));
    }
    try {
      for (Future<?> f : callers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
    double[] spread = p50p99(times);
    double msPerBatch = inFlight == 1 ? 1000 * seconds / batches.get()
        : times.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new double[] {msPerBatch, batches.get() * (double) batch / seconds,
        batches.get() * (double) batch / cpuSeconds, spread[0], spread[1]};
  }

  private double transportCeiling(int n) throws Exception {
    String topic = createTopics("transport")[0];
    List<byte[]> payloads = payloads(n, topic);
    try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000), new StringSerializer(), new ByteArraySerializer())) {
      assign(consumer, topic);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, "session-" + (i % 24), payloads.get(i)));
      }
      producer.flush();
      int received = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (received < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("transport: only " + received + " of " + n + " records arrived");
        }
        received += consumer.poll(Duration.ofMillis(100)).count();
      }
      return n / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private record EndToEnd(double throughput, double perCpuSecond, double meanBatch, double latencyP50,
      double latencyP99, double inAppP99, Breakdown breakdown) {}

  /** The run of median throughput, with the median of all runs' consumer p99 as its p99. */
  static EndToEnd medianRun(List<EndToEnd> runs) {
    List<EndToEnd> byThroughput = new ArrayList<>(runs);
    byThroughput.sort(java.util.Comparator.comparingDouble(EndToEnd::throughput));
    EndToEnd mid = byThroughput.get((byThroughput.size() - 1) / 2);
    double[] p99s = runs.stream().mapToDouble(EndToEnd::latencyP99).sorted().toArray();
    double p99 = p99s.length % 2 == 1 ? p99s[p99s.length / 2]
        : (p99s[p99s.length / 2 - 1] + p99s[p99s.length / 2]) / 2;
    return new EndToEnd(mid.throughput(), mid.perCpuSecond(), mid.meanBatch(), mid.latencyP50(), p99, mid.inAppP99(),
        mid.breakdown());
  }

  private static String join(double[] values) {
    return Arrays.stream(values).mapToObj(v -> Long.toString(Math.round(v)))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Where the latency phase's time went, p50 and p99 of each part: the harness producer's send to its acknowledgement;
   * ingest to the batch's start less the queueing
   * (producer, broker, stream thread's fetch and its wait behind earlier batches), the queueing in the batch
   * ({@code queueDelayMs}), classification to the read_committed consumer (forward, commit, markers, fetch); and
   * the stream thread's own metrics over the phase; and the share of the phase's forwards (a task's events of one
   * batch) whose commit was left to commit.interval.ms ({@code batch.commit.on.forward.max.lag.ms}).
   */
  private record Breakdown(double[] acked, double[] toThread, double[] queued, double[] afterScoring, Map<String, Double> thread,
      Map<String, Double> cpuPerCrop, double forwardsAtInterval) {}

  private static final List<String> THREAD_METRICS = List.of("commit-rate", "commit-latency-avg",
      "commit-latency-max", "poll-ratio", "process-ratio", "punctuate-ratio", "commit-ratio");

  private static Map<String, Double> threadMetrics(ClassifierApp app) {
    Map<String, Double> out = new HashMap<>();
    app.runner().streams().metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && THREAD_METRICS.contains(name.name())
          && metric.metricValue() instanceof Number n) {
        out.merge(name.name(), n.doubleValue(), Double::sum);
      }
    });
    out.put("inference-p50", app.metrics().getInferenceMsPerBatchP50());
    out.put("inference-p99", app.metrics().getInferenceMsPerBatchP99());
    return out;
  }

  private static double[] p50p99(List<Double> values) {
    values.sort(Double::compare);
    return new double[] {quantile(values, 0.5), quantile(values, 0.99)};
  }

  private EndToEnd endToEnd(int size, int delay, int n) throws Exception {
    return endToEnd(size, delay, n, engine, Double.NaN);
  }

  /**
   * One application run: the throughput phase on a backlog of {@code n} crops (none when 0), then the latency phase
   * at {@code latencyRate} crops/s (NaN: half the throughput phase's rate).
   */
  private EndToEnd endToEnd(int size, int delay, int n, InferenceEngine scoring, double latencyRate)
      throws Exception {
    String[] t = createTopics("e2e-" + size + "-" + delay);
    String crops = t[0];
    String events = t[1];
    // The backlog, before the application starts.
    sendAll(crops, payloads(n, crops));
    Map<String, Object> settings = new HashMap<>();
    settings.put(ClassifierConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    settings.put(ClassifierConfig.SCHEMA_REGISTRY_URL, registry.url());
    settings.put(ClassifierConfig.APPLICATION_ID, t[4]);
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS, crops);
    settings.put(ClassifierConfig.TOPIC_EMOTION_EVENTS, events);
    settings.put(ClassifierConfig.TOPIC_FACE_CROPS_DLQ, t[2]);
    settings.put(ClassifierConfig.TOPIC_MODEL_RELEASES, t[3]);
    settings.put(ClassifierConfig.BATCH_MAX_SIZE, size);
    settings.put(ClassifierConfig.BATCH_MAX_DELAY_MS, (long) delay);
    settings.put(ClassifierConfig.HTTP_PORT, -1);
    settings.put(ClassifierConfig.TOPICS_CREATE_MISSING, false);
    settings.put(ClassifierConfig.RELEASE_WATCH_ENABLED, false);
    settings.put(ClassifierConfig.RELEASE_DEFAULT_PATH, bundle.toString());
    settings.put("commit.interval.ms", options.getOrDefault("commit-interval-ms", "100"));
    settings.put(ClassifierConfig.BATCH_PIPELINED, Boolean.parseBoolean(options.getOrDefault("pipelined", "true")));
    if (options.containsKey("max-in-flight")) {
      settings.put(ClassifierConfig.BATCH_MAX_IN_FLIGHT, Integer.parseInt(options.get("max-in-flight")));
    }
    if (options.containsKey("commit-min-spacing-ms")) {
      settings.put(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS,
          Long.parseLong(options.get("commit-min-spacing-ms")));
    }
    if (options.containsKey("commit-max-lag-ms")) {
      settings.put(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS, Long.parseLong(options.get("commit-max-lag-ms")));
    }
    settings.put(ClassifierConfig.BATCH_COMMIT_ON_FORWARD,
        Boolean.parseBoolean(options.getOrDefault("commit-on-forward", "true")));
    settings.put("state.dir", Files.createTempDirectory(work, "state-").toString());
    ClassifierConfig config = ClassifierConfig.of(settings);
    // The release file is the default release; the loader hands out the one engine loaded at the start.
    SharedEngine shared = new SharedEngine(scoring);
    ClassifierApp app = new ClassifierApp(config, AvroSerdes.topology(config), AvroSerdes.releases(config),
        (id, bytes) -> shared);
    try (KafkaConsumer<String, EmotionEvent> consumer = consumer(eventDeserializer)) {
      assign(consumer, events);
      app.start();
      // Throughput: the events that arrive after the first poll that returned any, over the time since that poll.
      int received = 0;
      int afterFirst = 0;
      long first = 0;
      long last = 0;
      long cpuFirst = 0;
      long cpuLast = 0;
      Map<Long, ThreadCpu.Sample> threadsFirst = Map.of();
      Map<Long, ThreadCpu.Sample> threadsLast = Map.of();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (received < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + received + " of " + n + " events within 5 minutes");
        }
        int c = consumer.poll(Duration.ofMillis(50)).count();
        if (c > 0) {
          if (first == 0) {
            first = System.nanoTime();
            cpuFirst = processCpuNanos();
            threadsFirst = ThreadCpu.snapshot();
          } else {
            afterFirst += c;
          }
          received += c;
          last = System.nanoTime();
          cpuLast = processCpuNanos();
          threadsLast = ThreadCpu.snapshot();
        }
      }
      double throughput = afterFirst / Math.max(1e-9, (last - first) / 1e9);
      double perCpuSecond = afterFirst / Math.max(1e-9, (cpuLast - cpuFirst) / 1e9);
      Map<String, Double> cpuPerCrop = ThreadCpu.perItemMillis(threadsFirst, threadsLast, cpuLast - cpuFirst,
          afterFirst);
      double meanBatch = app.metrics().getBatchSizeMean();
      int busiest = Integer.parseInt(options.getOrDefault("cpu-threads", "0"));
      if (busiest > 0) {
        System.out.printf(Locale.ROOT, "busiest threads of the throughput phase at %d / %d (CPU ms per crop):%n",
            size, delay);
        ThreadCpu.busiest(threadsFirst, threadsLast, afterFirst, busiest).forEach(l -> System.out.println("  " + l));
      }

      // Latency: an open-loop producer at half the throughput, ingestTimestamp = send time.
      long earlyBefore = app.metrics().getForwardsCommittedEarlyTotal();
      long atIntervalBefore = app.metrics().getForwardsCommittedAtIntervalTotal();
      double rate = Math.max(1, Double.isNaN(latencyRate) ? throughput / 2 : latencyRate);
      int seconds = Integer.parseInt(options.getOrDefault("latency-seconds", "10"));
      int m = (int) Math.max(20, rate * seconds);
      List<Double> consumerLatency = new ArrayList<>(m);
      List<Double> inAppLatency = new ArrayList<>(m);
      List<Double> toThread = new ArrayList<>(m);
      List<Double> queued = new ArrayList<>(m);
      List<Double> afterScoring = new ArrayList<>(m);
      List<Future<?>> sends = new ArrayList<>(m);
      // --slowest N: the N slowest samples of each latency phase, to see when in the phase they came and where
      int slowest = Integer.parseInt(options.getOrDefault("slowest", "0"));
      List<long[]> samples = new ArrayList<>(slowest > 0 ? m : 0);
      // each crop's acknowledgement time, by send index, written by the producer's I/O thread and read after every
      // send has completed (Future.get): the breakdown's "producer ack", and in --slowest whether a slow sample was
      // slow to reach the broker or to leave it
      long[] ackNanosBySend = new long[m];
      long phaseStartMs = System.currentTimeMillis();
      try (KafkaProducer<String, byte[]> producer = producer()) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds + 120);
        int sent = 0;
        while (consumerLatency.size() < m) {
          if (System.nanoTime() > end) {
            throw new IllegalStateException("only " + consumerLatency.size() + " of " + m + " latency samples");
          }
          long due = start + (long) (sent * 1e9 / rate);
          while (sent < m && System.nanoTime() >= due) {
            FaceCrop crop = Crops.crop("session-" + (sent % 24), 1_000_000 + sent, sent);
            crop.setPixels(java.nio.ByteBuffer.wrap(pixels.get(sent % pixels.size())));
            crop.setIngestTimestamp(Instant.now());
            long sentAt = System.nanoTime();
            int index = sent;
            sends.add(producer.send(new ProducerRecord<>(crops, crop.getSessionId(),
                cropSerializer.serialize(crops, crop)), (metadata, error) -> {
                  if (error == null) {
                    ackNanosBySend[index] = System.nanoTime() - sentAt;
                  }
                }));
            sent++;
            due = start + (long) (sent * 1e9 / rate);
          }
          for (ConsumerRecord<String, EmotionEvent> r : consumer.poll(Duration.ofMillis(1))) {
            EmotionEvent e = r.value();
            if (e.getFrameNumber() >= 1_000_000) {
              long receivedAt = System.currentTimeMillis(); // one reading, so that the parts add up to the latency
              long ingest = e.getIngestTimestamp().toEpochMilli();
              long classified = e.getClassifiedTimestamp().toEpochMilli();
              // classifiedTimestamp = batch start + inference time, so "to thread" includes the inference
              long toThreadMs = classified - e.getQueueDelayMs() - ingest;
              consumerLatency.add((double) (receivedAt - ingest));
              inAppLatency.add((double) (classified - ingest));
              toThread.add((double) toThreadMs);
              queued.add((double) e.getQueueDelayMs());
              afterScoring.add((double) (receivedAt - classified));
              if (slowest > 0) {
                samples.add(new long[] {ingest - phaseStartMs, receivedAt - ingest, toThreadMs, e.getQueueDelayMs(),
                    receivedAt - classified, e.getFrameNumber() - 1_000_000});
              }
            }
          }
        }
      }
      for (Future<?> f : sends) {
        f.get();
      }
      if (slowest > 0) {
        samples.sort((a, b) -> Long.compare(b[1], a[1]));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
            "(slowest of %d samples at %d / %d, %s engine, phase from %s: sent at ms, latency, to thread, queued,"
                + " after scoring; producer ack:",
            samples.size(), size, delay, scoring == engine ? "the" : "no-cost", Instant.ofEpochMilli(phaseStartMs)));
        for (long[] x : samples.subList(0, Math.min(slowest, samples.size()))) {
          sb.append(String.format(Locale.ROOT, " [%d: %d = %d + %d + %d; ack %d]", x[0], x[1], x[2], x[3], x[4],
              ackNanosBySend[(int) x[5]] / 1_000_000));
        }
        System.out.println(sb.append(')'));
      }
      long early = app.metrics().getForwardsCommittedEarlyTotal() - earlyBefore;
      long atInterval = app.metrics().getForwardsCommittedAtIntervalTotal() - atIntervalBefore;
      List<Double> acked = new ArrayList<>(m);
      for (int i = 0; i < sends.size(); i++) {
        acked.add(ackNanosBySend[i] / 1e6); // every send succeeded: f.get() above would have thrown
      }
      Breakdown breakdown = new Breakdown(p50p99(acked), p50p99(toThread), p50p99(queued), p50p99(afterScoring),
          threadMetrics(app), cpuPerCrop, atInterval / (double) Math.max(1, early + atInterval));
      consumerLatency.sort(Double::compare);
      inAppLatency.sort(Double::compare);
      return new EndToEnd(throughput, perCpuSecond, meanBatch, quantile(consumerLatency, 0.5),
          quantile(consumerLatency, 0.99),
          quantile(inAppLatency, 0.99), breakdown);
    } finally {
      app.close();
    }
  }

  /**
   * Sends every payload and waits for every acknowledgement. A fresh topic's partitions can be unknown to the broker's
   * request handlers for a moment after the controller reports their leaders; sends that fail with
   * {@code UnknownTopicOrPartitionException} are sent again (only those), up to 5 rounds; any other failure fails
   * the row.
   */
  private void sendAll(String topic, List<byte[]> payloads) throws Exception {
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      remaining.add(i);
    }
    for (int round = 1; !remaining.isEmpty(); round++) {
      List<Integer> failed = new ArrayList<>();
      try (KafkaProducer<String, byte[]> producer = producer()) {
        List<Future<?>> sends = new ArrayList<>(remaining.size());
        for (int i : remaining) {
          sends.add(producer.send(new ProducerRecord<>(topic, "session-" + (i % 24), payloads.get(i))));
        }
        producer.flush();
        for (int k = 0; k < sends.size(); k++) {
          try {
            sends.get(k).get(2, TimeUnit.MINUTES);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                || round == 5) {
              throw e;
            }
            failed.add(remaining.get(k));
          }
        }
      }
      remaining = failed;
      if (!remaining.isEmpty()) {
        Thread.sleep(500);
      }
    }
  }

  private static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private List<byte[]> payloads(int n, String topic) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FaceCrop crop = Crops.crop("session-" + (i % 24), i, 0);
      crop.setPixels(java.nio.ByteBuffer.wrap(pixels.get(i % pixels.size())));
      out.add(cropSerializer.serialize(topic, crop));
    }
    return out;
  }

  /** Whether every partition of the topics has a leader; a topic not known yet (just created) has none. */
  private static boolean haveLeaders(Admin admin, List<String> topics) throws Exception {
    try {
      return admin.describeTopics(topics).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  /** crops, events, dlq, releases topics and an application id, all new. */
  private String[] createTopics(String prefix) throws Exception {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String[] names = {id + "-crops", id + "-events", id + "-dlq", id + "-releases", id + "-app"};
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(names[0], partitions, (short) 1),
          new NewTopic(names[1], partitions, (short) 1), new NewTopic(names[2], 1, (short) 1),
          new NewTopic(names[3], 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      // Producing before the partitions have leaders makes idempotent producers retry into OutOfOrderSequence.
      List<String> topics = List.of(names[0], names[1], names[2], names[3]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!haveLeaders(admin, topics)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("partitions of " + topics + " have no leader after 30 s");
        }
        Thread.sleep(20);
      }
    }
    return names;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000),
        new StringSerializer(), new ByteArraySerializer());
  }

  private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), values);
  }

  private <V> void assign(KafkaConsumer<String, V> consumer, String topic) {
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(topic, p));
    }
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
  }

  /** The benchmark's one engine, shared by every application run: closing it is a no-op. */
  /** Scores nothing: uniform probabilities at no cost (the latency floor's engine). */
  private static final class NoInferenceEngine implements InferenceEngine {
    @Override
    public String releaseId() {
      return "no-inference";
    }

    @Override
    public int ensembleSize() {
      return 1;
    }

    @Override
    public String engine() {
      return "none";
    }

    @Override
    public float[][] predict(List<byte[]> crops) {
      float[][] out = new float[crops.size()][CLASSES];
      for (float[] row : out) {
        Arrays.fill(row, 1f / CLASSES);
      }
      return out;
    }

    @Override
    public void close() {
    }
  }

  private static final class SharedEngine extends ForwardingEngine {
    SharedEngine(InferenceEngine delegate) {
      super(delegate);
    }

    @Override
    public void close() {
    }
  }
}
