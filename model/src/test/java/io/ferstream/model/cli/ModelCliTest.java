package io.ferstream.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.release.Ensemble;
import io.ferstream.model.testing.Synthetic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCliTest {

    @TempDir
    Path dir;

    @Test
    void shouldTrainAndReleaseFromTheCommandLine() throws Exception {
        Path csv = Synthetic.csv(dir.resolve("fer.csv"), 40, 12, 5, false);
        Path run = dir.resolve("run");
        int trained = new CommandLine(new ModelCli()).execute("train", "--arch", "ref4", "--data", csv.toString(),
                "--out", run.toString(), "--epochs", "1", "--batch", "10", "--limit-train", "30", "--snapshot-every",
                "1", "--checkpoint-every", "2", "--no-augment", "--no-eval-hflip", "--quiet");
        assertThat(trained).isZero();
        assertThat(run.resolve("checkpoint").resolve("state.json")).exists();
        assertThat(run.resolve("snapshots").resolve("snapshot-0000003.zip")).exists();

        Path bundle = dir.resolve("out").resolve("cli.zip");
        int released = new CommandLine(new ModelCli()).execute("release", "--run", run.toString(), "--out",
                bundle.toString(), "--members", "2", "--tta", "hflip", "--weights", "half");
        assertThat(released).isZero();
        Ensemble e = Ensemble.load(bundle);
        assertThat(e.memberCount()).isEqualTo(2);
        assertThat(e.releaseId()).isEqualTo("cli");
        assertThat(e.manifest().trainingData.rows).isEqualTo(30);
        assertThat(e.manifest().metrics.get("publictest.rows")).isEqualTo(12.0);

        Path run2 = dir.resolve("run2");
        assertThat(new CommandLine(new ModelCli()).execute("train", "--arch", "ref4", "--seed", "2", "--data",
                csv.toString(), "--out", run2.toString(), "--epochs", "1", "--batch", "10", "--limit-train", "30",
                "--snapshot-every", "3", "--no-augment", "--no-eval-hflip", "--quiet")).isZero();
        Path combined = dir.resolve("out").resolve("combined.zip");
        assertThat(new CommandLine(new ModelCli()).execute("release", "--run", run.toString(), "--run",
                run2.toString(), "--out", combined.toString(), "--members", "1")).isZero();
        Ensemble both = Ensemble.load(combined);
        assertThat(both.memberCount()).isEqualTo(2);
        assertThat(both.manifest().members).extracting(m -> m.source)
                .containsExactly("run/snapshots/snapshot-0000003.zip (epoch 1)", "run2/snapshots/snapshot-0000003.zip (epoch 1)");
        // A run trained on other rows cannot join.
        Path run3 = dir.resolve("run3");
        assertThat(new CommandLine(new ModelCli()).execute("train", "--arch", "ref4", "--data", csv.toString(),
                "--out", run3.toString(), "--epochs", "1", "--batch", "10", "--limit-train", "20",
                "--snapshot-every", "2", "--no-augment", "--no-eval-hflip", "--quiet")).isZero();
        assertThat(new CommandLine(new ModelCli()).execute("release", "--run", run.toString(), "--run",
                run3.toString(), "--out", dir.resolve("bad.zip").toString())).isNotZero();

        int unknownArch = new CommandLine(new ModelCli()).execute("train", "--arch", "nope", "--data", csv.toString(),
                "--out", dir.resolve("x").toString());
        assertThat(unknownArch).isNotZero();
    }
}
