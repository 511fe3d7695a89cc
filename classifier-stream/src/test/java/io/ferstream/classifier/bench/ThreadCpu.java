package io.ferstream.classifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM's Java threads, grouped by what they do, so that the benchmark can say where a crop's CPU
 * goes: inference, the stream thread, the Kafka clients, the embedded broker and registry, and the rest. What the
 * process spent beyond its Java threads (ND4J's OpenMP threads, GC and JIT threads) is "native".
 */
final class ThreadCpu {

  static final List<String> GROUPS = List.of("inference", "native", "stream thread", "clients", "broker", "other");

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
    return out;
  }

  static String group(String threadName) {
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

  /** Milliseconds of CPU per item between two snapshots, by group; threads born in between count from zero. */
  static Map<String, Double> perItemMillis(Map<Long, Sample> first, Map<Long, Sample> last, long processCpuNanos,
      int items) {
    Map<String, Double> out = new HashMap<>();
    long javaTotal = 0;
    for (Map.Entry<Long, Sample> e : last.entrySet()) {
      Sample before = first.get(e.getKey());
      long delta = e.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
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
