package io.ferstream.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTest {

    private static BenchResult result(int batch, double ips, String error) {
        BenchConfig c = new BenchConfig("ref4", BenchConfig.Mode.INFER, BenchConfig.Engine.MLN, CNN2DFormat.NCHW,
                WorkspaceMode.ENABLED, BenchConfig.DataSource.MEMORY, batch);
        return new BenchResult(c, "default", "2", "PASSIVE", 5, 10.5, 9.5, ips, ips * 0.0116, 100.0, 200.0,
                "loss 1.800->1.700 ok", error);
    }

    @Test
    void shouldRoundTripChildWireFormat() {
        BenchResult r = result(32, 123.4, null);
        assertThat(BenchResults.fromTsv(BenchResults.toTsv(r))).isEqualTo(r);
        BenchResult failed = result(32, 0, "OutOfMemoryError: boom");
        assertThat(BenchResults.fromTsv(BenchResults.toTsv(failed))).isEqualTo(failed);
    }

    @Test
    void shouldReadBackCsv() {
        List<BenchResult> rs = List.of(result(32, 123.4, null), result(8, 0, "IllegalStateException: a, b"));
        List<BenchResult> back = BenchResults.fromCsv(BenchResults.csv(rs));
        assertThat(back.get(0)).isEqualTo(rs.get(0));
        assertThat(back.get(1).error()).isEqualTo("IllegalStateException: a; b");
    }

    @Test
    void shouldPrintTableWithCeilingShare() {
        String table = BenchResults.table(List.of(result(32, 1000, null)));
        // 1000 images/s * 0.0116 GFLOP = 11.6 GFLOP/s = 11.6% of 100; 32 images per 200 CPU-ms = 160 images/CPU-s
        assertThat(result(32, 1000, null).imagesPerCpuSecond()).isEqualTo(160.0);
        assertThat(table).contains("160.0", "| ref4 ", "11.60", "11.6%", "100.0", "PASSIVE", "loss 1.800->1.700 ok")
                .doesNotContain("SUSPECT");
        assertThat(BenchResults.table(List.of(result(8, 0, "boom")))).contains("FAILED", "boom");
    }

    @Test
    void shouldFlagCellWhoseCheckFailed() {
        BenchResult r = result(32, 1000, null);
        BenchResult bad = new BenchResult(r.config(), "onednn-avx512", "2", "default", 4, 1, 1, 1000, 11.6, 100, 50,
                "loss 2.100->2.500 NOT FALLING", null);
        assertThat(bad.suspect()).isTrue();
        assertThat(r.suspect()).isFalse();
        assertThat(BenchResults.table(List.of(bad))).contains("SUSPECT", "NOT FALLING");
    }

    @Test
    void shouldKeepFastestRoundPerCell() {
        List<BenchResult> merged = BenchResults.fastestPerCell(List.of(
                List.of(result(1, 50, null), result(32, 0, "OutOfMemoryError")),
                List.of(result(1, 70, null), result(32, 300, null)),
                List.of(result(1, 60, null), result(32, 0, "OutOfMemoryError"))));
        assertThat(merged).extracting(BenchResult::imagesPerSec).containsExactly(70.0, 300.0);
    }

    @Test
    void shouldBuildThroughputSeriesSortedByBatch() {
        Map<String, double[][]> s = BenchResults.throughputSeries(
                List.of(result(32, 300, null), result(1, 50, null), result(8, 0, "x")), BenchConfig.Mode.INFER);
        assertThat(s).hasSize(1);
        double[][] xy = s.values().iterator().next();
        assertThat(xy[0]).containsExactly(1, 32);
        assertThat(xy[1]).containsExactly(50, 300);
    }

    @Test
    void shouldFindNativeVariantJarNextToDefaultOne(@TempDir Path dir) throws IOException {
        Path base = Files.createFile(dir.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        Path preset = Files.createFile(dir.resolve("nd4j-native-preset-1.0.0-M2.1-linux-x86_64.jar"));
        Files.createFile(dir.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        String cp = preset + File.pathSeparator + base;
        assertThat(ModelBenchmark.classPathFor(cp, "default")).isEqualTo(cp);
        assertThat(ModelBenchmark.classPathFor(cp, "onednn-avx512"))
                .startsWith(dir.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar").toString())
                .endsWith(cp);
        assertThatThrownBy(() -> ModelBenchmark.classPathFor(cp, "avx2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found");
    }
}
