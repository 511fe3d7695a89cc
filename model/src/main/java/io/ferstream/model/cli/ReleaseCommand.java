package io.ferstream.model.cli;

import io.ferstream.model.release.RunRelease;
import io.ferstream.model.release.TestTimeAugmentation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferstream release}: builds a release bundle (snapshot ensemble) from a training run directory. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Build a release bundle (zip) from a training run's snapshots, with PublicTest metrics.")
public final class ReleaseCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Training run directory (repeat to combine runs)")
    java.util.List<String> run;

    @Option(names = "--out", required = true, description = "Bundle file to write, e.g. releases/ref4-snap9.zip")
    String out;

    @Option(names = "--members", defaultValue = "9", description = "Snapshots per run in the ensemble (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--select", defaultValue = "last", description = "last (reference rule) or best (default: ${DEFAULT-VALUE})")
    String select;

    @Option(names = "--tta", defaultValue = "none", description = "Test-time augmentation: none or hflip (default: ${DEFAULT-VALUE})")
    String tta;

    @Option(names = "--id", description = "Release id (default: file name without .zip)")
    String id;

    @Option(names = "--parent", description = "Parent release id")
    String parent;

    @Option(names = "--data", description = "fer2013 CSV (default: the run's)")
    String data;

    @Option(names = "--weights", defaultValue = "float",
            description = "Stored weight precision: float or half (half the size; served in float) (default: ${DEFAULT-VALUE})")
    String weights;

    @Override
    public Integer call() throws Exception {
        Path outPath = Paths.resolve(out);
        String releaseId = id != null ? id : outPath.getFileName().toString().replaceFirst("\\.zip$", "");
        RunRelease.Result r = RunRelease.build(new RunRelease.Options(run.stream().map(Paths::resolve).toList(), members,
                RunRelease.Selection.valueOf(select.toUpperCase(Locale.ROOT)),
                TestTimeAugmentation.valueOf(tta.toUpperCase(Locale.ROOT)), releaseId, parent, outPath,
                data == null ? null : Paths.resolve(data),
                "ferstream release --run " + String.join(" --run ", run) + " --members " + members + " --select "
                        + select + " --tta " + tta + " --weights " + weights + " --out " + out,
                org.nd4j.linalg.api.buffer.DataType.valueOf(weights.toUpperCase(Locale.ROOT))));
        System.out.printf(Locale.ROOT, "%s%n  sha256 %s%n  members %d, PublicTest accuracy %.4f (plain %.4f, hflip %.4f)%n",
                r.bundle(), r.sha256(), r.manifest().memberCount, r.manifest().metrics.get("publictest.accuracy"),
                r.manifest().metrics.get("publictest.accuracy.plain"), r.manifest().metrics.get("publictest.accuracy.hflip"));
        for (var m : r.manifest().members) {
            System.out.printf(Locale.ROOT, "  %s %s: %.4f (hflip %.4f)%n", m.entry, m.source,
                    m.metrics.get("publictest.accuracy"), m.metrics.get("publictest.accuracy.hflip"));
        }
        return 0;
    }
}
