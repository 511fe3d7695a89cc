package io.ferstream.classifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this JVM's threads, grouped by what they do, so that the benchmark can say where a crop's CPU goes:
 * inference, the JIT compiler, the garbage collector, the stream thread, the Kafka clients, the embedded broker and
 * registry, and the rest. Java threads are read through {@link ThreadMXBean}; the JVM's own compiler and GC threads,
 * which it does not list, from {@code /proc/self/task} (Linux; at the kernel's 10 ms tick). What the process spent
 * beyond all of these (ND4J's OpenMP threads, mostly) is "native".
 */
final class ThreadCpu {

  static final List<String> GROUPS =
      List.of("inference", "JIT", "GC", "native", "stream thread", "clients", "broker", "other");

  private static final String JIT = "jit:";
  private static final String GC = "gc:";
  /** Nanoseconds per clock tick of /proc's utime and stime (USER_HZ, 100 on Linux). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  record Sample(String name, long cpuNanos) {}

  private ThreadCpu() {}

  static Map<Long, Sample> snapshot() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Sample> out = new HashMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        out.put(info.getThreadId(), new Sample(info.getThreadName(), cpu));
      }
    }
    jvmThreads().forEach((tid, sample) -> out.put(-tid, sample)); // negative: never a Java thread id
    return out;
  }

  /** CPU nanoseconds the JVM's compiler threads have used so far (0 where /proc is not readable). */
  static long jitNanos() {
    return jvmThreads().values().stream().filter(s -> s.name().startsWith(JIT)).mapToLong(Sample::cpuNanos).sum();
  }

  /** The JVM's compiler and GC threads by Linux thread id, named "jit:..." and "gc:...". */
  private static Map<Long, Sample> jvmThreads() {
    Map<Long, Sample> out = new HashMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return out;
    }
    for (java.io.File task : tasks) {
      try {
        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String prefix = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? JIT
            : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread") ? GC : null;
        if (prefix == null) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        out.put(Long.parseLong(task.getName()), new Sample(prefix + name, ticks * NANOS_PER_TICK));
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended meanwhile: its time is then counted as native
      }
    }
    return out;
  }

  static String group(String threadName) {
    if (threadName.startsWith(JIT)) {
      return "JIT";
    }
    if (threadName.startsWith(GC)) {
      return "GC";
    }
    if (threadName.startsWith("samediff-inference") || threadName.startsWith("batch-scorer")) {
      return "inference";
    }
    if (threadName.contains("StreamThread") && !threadName.contains("producer")) {
      return "stream thread";
    }
    if (threadName.startsWith("kafka-producer-network-thread") || threadName.startsWith("kafka-coordinator")
        || threadName.startsWith("consumer_background") || threadName.equals("main")) {
      return "clients";
    }
    if (threadName.startsWith("data-plane") || threadName.startsWith("kafka-") || threadName.startsWith("quorum")
        || threadName.contains("Txn") || threadName.startsWith("group-coordinator") || threadName.contains("Purgatory")
        || threadName.startsWith("ExpirationReaper") || threadName.startsWith("broker-") || threadName.startsWith("raft")
        || threadName.startsWith("LogDirFailureHandler") || threadName.startsWith("share-") || threadName.contains("jetty")
        || threadName.startsWith("qtp") || threadName.startsWith("registry") || threadName.startsWith("HTTP")) {
      return "broker";
    }
    return "other";
  }

  /**
   * The {@code n} threads that used the most CPU between two snapshots, busiest first, as "name (group): ms per
   * item" lines: where a group's time goes (which broker thread, say).
   */
  static List<String> busiest(Map<Long, Sample> first, Map<Long, Sample> last, int items, int n) {
    return last.entrySet().stream()
        .map(e -> Map.entry(e.getValue().name(), cpuSince(first, e)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format(Locale.ROOT, "%s (%s): %.3f ms", e.getKey(), group(e.getKey()),
            e.getValue() / 1e6 / Math.max(1, items)))
        .toList();
  }

  /** A thread's CPU nanoseconds since the first snapshot; a thread born in between counts from zero. */
  private static long cpuSince(Map<Long, Sample> first, Map.Entry<Long, Sample> now) {
    Sample before = first.get(now.getKey());
    return now.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
  }

  /** Milliseconds of CPU per item between two snapshots, by group; threads born in between count from zero. */
  static Map<String, Double> perItemMillis(Map<Long, Sample> first, Map<Long, Sample> last, long processCpuNanos,
      int items) {
    Map<String, Double> out = new HashMap<>();
    long javaTotal = 0;
    for (Map.Entry<Long, Sample> e : last.entrySet()) {
      long delta = cpuSince(first, e);
      javaTotal += delta;
      if (group(e.getValue().name()).equals("other") && delta > processCpuNanos / 50) {
        System.err.printf("ThreadCpu: %s (%.0f ms) counted as other%n", e.getValue().name(), delta / 1e6);
      }
      out.merge(group(e.getValue().name()), delta / 1e6 / Math.max(1, items), Double::sum);
    }
    out.put("native", Math.max(0, processCpuNanos - javaTotal) / 1e6 / Math.max(1, items));
    return out;
  }
}
