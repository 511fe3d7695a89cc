package io.ferstream.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on: cores, CPU model, load. Linux; degrades to "unknown" elsewhere. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** e.g. {@code nproc=2, CPU "AMD EPYC", 23 GiB RAM, load average 0.50 0.40 0.30 (2/300 running), Java 17}. */
    static String describe() {
        long ram = 0;
        try {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            ram = os.getTotalMemorySize() >> 30;
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot JVM
        }
        return "nproc=" + Runtime.getRuntime().availableProcessors() + ", CPU \"" + cpuModel() + "\", " + ram
                + " GiB RAM, load average " + loadAverage() + ", Java " + Runtime.version().feature()
                + ", OMP_NUM_THREADS=" + env("OMP_NUM_THREADS") + ", OMP_WAIT_POLICY=" + env("OMP_WAIT_POLICY");
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** The 1/5/15-minute load averages and running/total tasks, from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + f[3] + " running/total)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }
}
