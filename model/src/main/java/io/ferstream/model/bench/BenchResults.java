package io.ferstream.model.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;

/** Formatting of benchmark results: the console/Markdown table, CSV, the child-process wire format, chart series. */
public final class BenchResults {

    private static final String[] HEADER = {"arch", "mode", "engine", "format", "workspace", "data", "batch",
        "native", "OMP threads", "OMP wait", "iters", "ms/batch", "images/s", "GFLOP/s", "% of SGEMM", "SGEMM GFLOP/s", "CPU ms/batch", "images/CPU-s", "check"};

    private BenchResults() {
    }

    /** A Markdown table (readable as plain text too), one row per result, failures with their error. */
    public static String table(List<BenchResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (BenchResult r : results) {
            rows.add(cells(r));
        }
        int[] w = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            sb.append('|');
            for (int i = 0; i < w.length; i++) {
                String cell = rows.get(r)[i];
                boolean numeric = (i == 6 || (i >= 10 && i <= 17)) && r > 0;
                sb.append(' ').append(numeric ? pad(cell, w[i], true) : pad(cell, w[i], false)).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int i = 0; i < w.length; i++) {
                    sb.append(i == 6 || (i >= 10 && i <= 17) ? "-".repeat(w[i] + 1) + ":|" : "-".repeat(w[i] + 2) + "|");
                }
                sb.append('\n');
            }
        }
        for (BenchResult r : results) {
            if (r.error() != null) {
                sb.append("\nFAILED ").append(r.config()).append(": ").append(r.error());
            } else if (r.suspect()) {
                sb.append("\nSUSPECT (check failed, speed not meaningful) ").append(r.config()).append(": ")
                        .append(r.check());
            }
        }
        if (results.stream().anyMatch(r -> r.error() != null || r.suspect())) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String[] cells(BenchResult r) {
        BenchConfig c = r.config();
        boolean ok = r.error() == null;
        return new String[] {c.arch(), c.mode().name().toLowerCase(Locale.ROOT), c.engine().name(), c.format().name(),
            c.engine() == BenchConfig.Engine.SAMEDIFF ? "n/a" : c.workspace().name(),
            c.data().name().toLowerCase(Locale.ROOT), Integer.toString(c.batch()), r.nativeVariant(), r.ompThreads(),
            r.ompWaitPolicy(), ok ? Integer.toString(r.iterations()) : "-", ok ? f(r.medianMs(), 1) : "FAILED", ok ? f(r.imagesPerSec(), 1) : "-",
            ok ? f(r.gflops(), 2) : "-", ok ? f(100 * r.ceilingShare(), 1) + "%" : "-", f(r.sgemmGflops(), 1), ok ? f(r.cpuMsPerBatch(), 1) : "-", ok ? f(r.imagesPerCpuSecond(), 1) : "-",
            r.check() == null ? "-" : r.check()};
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    /**
     * Merges repeated runs of the same grid: per cell (configuration and process settings) the result with the most
     * images/s, in the order of the first round; a cell that failed in every round keeps its failure.
     */
    public static List<BenchResult> fastestPerCell(List<List<BenchResult>> rounds) {
        Map<String, BenchResult> best = new LinkedHashMap<>();
        for (List<BenchResult> round : rounds) {
            for (BenchResult r : round) {
                String key = r.config() + "|" + process(r);
                BenchResult b = best.get(key);
                if (b == null || (r.error() == null && (b.error() != null || r.imagesPerSec() > b.imagesPerSec()))) {
                    best.put(key, r);
                }
            }
        }
        return new ArrayList<>(best.values());
    }

    /** One line for progress output. */
    static String oneLine(BenchResult r) {
        BenchConfig c = r.config();
        String head = String.format(Locale.ROOT, "%s %s %s batch %d (%s, OMP %s/%s): ", c.arch(),
                c.mode().name().toLowerCase(Locale.ROOT), c.variant(), c.batch(), r.nativeVariant(), r.ompThreads(),
                r.ompWaitPolicy());
        if (r.error() != null) {
            return head + "FAILED " + r.error();
        }
        return head + String.format(Locale.ROOT, "%.1f ms/batch, %.1f images/s, %.2f GFLOP/s (%.1f%% of SGEMM %.1f), %.1f CPU-ms/batch, %d iters, check: %s",
                r.medianMs(), r.imagesPerSec(), r.gflops(), 100 * r.ceilingShare(), r.sgemmGflops(), r.cpuMsPerBatch(),
                r.iterations(), r.check());
    }

    /** CSV with a header row. */
    public static String csv(List<BenchResult> results) {
        StringBuilder sb = new StringBuilder("arch,mode,engine,format,workspace,data,batch,native,omp_threads,omp_wait,"
                + "iterations,median_ms,min_ms,images_per_s,gflops,sgemm_gflops,cpu_ms_per_batch,check,error\n");
        for (BenchResult r : results) {
            sb.append(toTsv(r).replace(',', ';').replace('\t', ',')).append('\n');
        }
        return sb.toString();
    }

    /** Parses {@link #csv}'s output (commas inside values were written as ';'). */
    public static List<BenchResult> fromCsv(String csv) {
        List<BenchResult> out = new ArrayList<>();
        String[] lines = csv.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(fromTsv(lines[i].replace(',', '\t')));
            }
        }
        return out;
    }

    /** The wire format between a child JVM and the parent: tab-separated fields. */
    static String toTsv(BenchResult r) {
        BenchConfig c = r.config();
        return String.join("\t", c.arch(), c.mode().name(), c.engine().name(), c.format().name(),
                c.workspace().name(), c.data().name(), Integer.toString(c.batch()), r.nativeVariant(), r.ompThreads(),
                r.ompWaitPolicy(), Integer.toString(r.iterations()), Double.toString(r.medianMs()), Double.toString(r.minMs()),
                Double.toString(r.imagesPerSec()), Double.toString(r.gflops()), Double.toString(r.sgemmGflops()),
                Double.toString(r.cpuMsPerBatch()), r.check() == null ? "-" : r.check().replace('\t', ' '), r.error() == null ? "" : r.error().replace('\t', ' '));
    }

    static BenchResult fromTsv(String line) {
        String[] f = line.split("\t", -1);
        BenchConfig c = new BenchConfig(f[0], BenchConfig.Mode.valueOf(f[1]), BenchConfig.Engine.valueOf(f[2]),
                CNN2DFormat.valueOf(f[3]), WorkspaceMode.valueOf(f[4]), BenchConfig.DataSource.valueOf(f[5]),
                Integer.parseInt(f[6]));
        return new BenchResult(c, f[7], f[8], f[9], Integer.parseInt(f[10]), Double.parseDouble(f[11]),
                Double.parseDouble(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]),
                Double.parseDouble(f[15]), Double.parseDouble(f[16]), f[17], f[18].isEmpty() ? null : f[18]);
    }

    private static String process(BenchResult r) {
        return r.nativeVariant() + " OMP " + r.ompThreads() + "/" + r.ompWaitPolicy();
    }

    /**
     * images/s against batch size, one series per architecture + setting (+ OMP setting when several), for
     * {@link io.ferstream.model.charts.Charts#lineChart}.
     */
    public static Map<String, double[][]> throughputSeries(List<BenchResult> results, BenchConfig.Mode mode) {
        return throughputSeries(results, mode, false);
    }

    /**
     * Like {@link #throughputSeries(List, BenchConfig.Mode)}, with images per CPU-second instead of per second when
     * {@code perCpuSecond}.
     */
    public static Map<String, double[][]> throughputSeries(List<BenchResult> results, BenchConfig.Mode mode,
                                                           boolean perCpuSecond) {
        boolean severalOmp = results.stream().map(BenchResults::process).distinct().count() > 1;
        Map<String, TreeMap<Integer, Double>> points = new LinkedHashMap<>();
        for (BenchResult r : results) {
            if (r.config().mode() != mode || r.error() != null) {
                continue;
            }
            String name = r.config().arch() + " " + r.config().variant()
                    + (severalOmp ? " " + process(r) : "");
            points.computeIfAbsent(name, k -> new TreeMap<>()).put(r.config().batch(),
                    perCpuSecond ? r.imagesPerCpuSecond() : r.imagesPerSec());
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        points.forEach((name, p) -> {
            double[] xs = p.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] ys = p.values().stream().mapToDouble(Double::doubleValue).toArray();
            series.put(name, new double[][] {xs, ys});
        });
        return series;
    }
}
