package io.ferstream.model.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.PreprocessingMode;
import io.ferstream.model.testing.Synthetic;
import io.ferstream.model.train.Augmentation;
import io.ferstream.model.train.ProgressBar;
import io.ferstream.model.train.TrainConfig;
import io.ferstream.model.train.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReleaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldBuildASnapshotEnsembleReleaseFromARunOnACsv() throws Exception {
        Path csv = Synthetic.csv(dir.resolve("fer.csv.gz"), 90, 30, 11, true);
        TrainConfig cfg = new TrainConfig("ref4", csv.toString(), DisgustPolicy.DROP,
                PreprocessingMode.GLOBAL_STANDARDIZE, 1L, 15, 2, 0, 3e-3, "cosine", 3, 5, 0, 0, Augmentation.none(), false);
        Fer2013Data[] split = Trainer.loadData(cfg);
        assertThat(split[0].size()).isEqualTo(90);
        assertThat(split[1].size()).isEqualTo(30);
        Path run = dir.resolve("run");
        Trainer.Result r = new Trainer(cfg, run, ProgressBar.silent()).run(split[0], split[1]);
        assertThat(r.state().snapshots).hasSize(4);

        Path out = dir.resolve("releases").resolve("synthetic.zip");
        RunRelease.Result rel = RunRelease.build(new RunRelease.Options(run, 3, RunRelease.Selection.LAST,
                TestTimeAugmentation.HFLIP, "synthetic-1", null, out, null, "test", org.nd4j.linalg.api.buffer.DataType.HALF));
        ReleaseManifest m = rel.manifest();
        assertThat(m.memberCount).isEqualTo(3);
        assertThat(m.members).extracting(x -> x.source).allMatch(s -> s.contains("snapshot-"));
        assertThat(m.members.get(0).source).contains("snapshot-0000006");
        assertThat(m.trainingData.sha256).isEqualTo(split[0].sha256());
        assertThat(m.metrics).containsKeys("publictest.accuracy", "publictest.accuracy.plain", "publictest.accuracy.hflip");
        assertThat(m.metrics.get("publictest.accuracy")).isEqualTo(m.metrics.get("publictest.accuracy.hflip"));
        assertThat(m.members.get(2).metrics).containsKey("publictest.accuracy");
        assertThat(m.testTimeAugmentation).isEqualTo(TestTimeAugmentation.HFLIP);
        assertThat(m.weightsDataType).isEqualTo("HALF");
        Ensemble e = Ensemble.load(out);
        assertThat(e.sha256()).isEqualTo(rel.sha256());
        assertThat(m.metrics.get("publictest.accuracy")).isGreaterThan(0.9);
    }
}
