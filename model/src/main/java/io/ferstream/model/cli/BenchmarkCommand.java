package io.ferstream.model.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.ferstream.model.bench.BenchResult;
import io.ferstream.model.bench.BenchmarkOptions;
import io.ferstream.model.bench.ModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferstream benchmark}: DL4J training and inference speed of the FerStream CNNs on this machine (images/s,
 * GFLOP/s) next to ND4J's SGEMM ceiling; see {@link ModelBenchmark} and docs/benchmarks.md.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Time DL4J training and inference per architecture, batch size and setting against ND4J's SGEMM.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Mixin
    BenchmarkOptions options = new BenchmarkOptions();

    @Override
    public Integer call() {
        List<BenchResult> results = new ModelBenchmark(options, System.out, System.err).run();
        return results.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }
}
