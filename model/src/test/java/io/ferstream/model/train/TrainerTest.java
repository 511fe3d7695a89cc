package io.ferstream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.PreprocessingMode;
import io.ferstream.model.testing.Synthetic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path dir;

    private static TrainConfig config(String arch, int batch, int epochs, Augmentation aug, double lr) {
        return new TrainConfig(arch, "synthetic", DisgustPolicy.DROP, PreprocessingMode.GLOBAL_STANDARDIZE, 3L, batch,
                epochs, 0, lr, "cosine", 4, 3, 0, 0, aug, false);
    }

    @Test
    void shouldLearnASeparableSyntheticTaskToHighAccuracy() throws IOException {
        Fer2013Data train = Synthetic.data(72, 1);
        Fer2013Data test = Synthetic.data(30, 2);
        TrainConfig cfg = config("ref4", 12, 3, Augmentation.none(), 3e-3);
        Trainer.Result r = new Trainer(cfg, dir.resolve("run"), ProgressBar.silent()).run(train, test);

        assertThat(r.interrupted()).isFalse();
        assertThat(r.state().finished).isTrue();
        assertThat(r.state().stopReason).isEqualTo("max-epochs");
        assertThat(r.state().history).hasSize(3);
        assertThat(r.state().bestTestAccuracy).isGreaterThanOrEqualTo(0.95);
        assertThat(r.state().iteration).isEqualTo(3 * 6);
        assertThat(r.state().snapshots).extracting(s -> s.iteration).containsExactly(4L, 8L, 12L, 16L);
        Path run = r.runDir();
        assertThat(run.resolve("history.csv")).exists();
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(4);
        assertThat(run.resolve("loss.png")).isNotEmptyFile();
        assertThat(run.resolve("accuracy.png")).isNotEmptyFile();
        assertThat(run.resolve("best.zip")).isNotEmptyFile();
        assertThat(run.resolve("preprocessing.json")).isNotEmptyFile();
        assertThat(run.resolve("snapshots").resolve("snapshot-0000016.zip")).isNotEmptyFile();
        // Running again on a finished run is a no-op.
        Trainer.Result again = new Trainer(cfg, run, ProgressBar.silent()).run(train, test);
        assertThat(again.state().iteration).isEqualTo(r.state().iteration);
    }

    @Test
    void shouldWarmStartANewRunFromAnotherRunsSnapshot() throws IOException {
        Fer2013Data train = Synthetic.data(72, 1);
        Fer2013Data test = Synthetic.data(30, 2);
        TrainConfig first = config("ref4", 12, 3, Augmentation.none(), 3e-3);
        Trainer.Result a = new Trainer(first, dir.resolve("a"), ProgressBar.silent()).run(train, test);
        assertThat(a.state().bestTestAccuracy).isGreaterThanOrEqualTo(0.95);
        Path snapshot = dir.resolve("a").resolve("snapshots").resolve("snapshot-0000016.zip");

        // One iteration at a tiny learning rate: a warm start keeps what the first run learnt, a cold start has not
        // learnt it yet.
        TrainConfig tiny = config("ref4", 12, 1, Augmentation.none(), 1e-7);
        Trainer warm = new Trainer(tiny.withInitFrom(snapshot.toString()), dir.resolve("warm"), ProgressBar.silent());
        warm.stopAtIteration(1);
        warm.run(train, test);
        Trainer cold = new Trainer(tiny, dir.resolve("cold"), ProgressBar.silent());
        cold.stopAtIteration(1);
        cold.run(train, test);

        MultiLayerNetwork source = ModelSerializer.restoreMultiLayerNetwork(snapshot.toFile(), false);
        MultiLayerNetwork warmNet = latestCheckpoint(dir.resolve("warm"));
        MultiLayerNetwork coldNet = latestCheckpoint(dir.resolve("cold"));
        double warmDistance = warmNet.params().distance2(source.params());
        double coldDistance = coldNet.params().distance2(source.params());
        assertThat(warmDistance).as("warm start stays at the source's weights").isLessThan(1e-3 * coldDistance);
        assertThat(Trainer.storedConfig(dir.resolve("warm")).initFrom()).isEqualTo(snapshot.toString());
    }

    @Test
    void shouldRefuseAWarmStartFromAnotherArchitecture() throws IOException {
        Fer2013Data train = Synthetic.data(24, 1);
        Fer2013Data test = Synthetic.data(6, 2);
        Trainer.Result a = new Trainer(config("ref4", 12, 1, Augmentation.none(), 3e-3), dir.resolve("a"),
                ProgressBar.silent()).run(train, test);
        Path best = a.runDir().resolve("best.zip");
        TrainConfig other = config("ref5", 12, 1, Augmentation.none(), 3e-3).withInitFrom(best.toString());

        assertThatThrownBy(() -> new Trainer(other, dir.resolve("b"), ProgressBar.silent()).run(train, test))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--init-from");
    }

    private static MultiLayerNetwork latestCheckpoint(Path run) throws IOException {
        try (var files = Files.list(run.resolve("checkpoint"))) {
            Path model = files.filter(f -> f.getFileName().toString().startsWith("model-")).sorted()
                    .reduce((x, y) -> y).orElseThrow();
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        }
    }

    @Test
    void shouldResumeFromACheckpointToExactlyTheSameState() throws IOException {
        Fer2013Data train = Synthetic.data(32, 3);
        Fer2013Data test = Synthetic.data(6, 4);
        // ref5 has dropout and the augmentation is random: both must be reproduced after a resume.
        TrainConfig cfg = new TrainConfig("ref5", "synthetic", DisgustPolicy.DROP, PreprocessingMode.GLOBAL_STANDARDIZE,
                3L, 8, 2, 0, 1e-3, "cosine", 4, 3, 0, 0, Augmentation.standard(), true);

        Trainer.Result straight = new Trainer(cfg, dir.resolve("straight"), ProgressBar.silent()).run(train, test);

        Path resumedDir = dir.resolve("resumed");
        Trainer.Result first = new Trainer(cfg, resumedDir, ProgressBar.silent()).stopAtIteration(5).run(train, test);
        assertThat(first.interrupted()).isTrue();
        assertThat(first.state().iteration).isEqualTo(5);
        assertThat(first.state().epoch).isEqualTo(1);
        assertThat(first.state().batchInEpoch).isEqualTo(1);
        Trainer.Result resumed = new Trainer(cfg, resumedDir, ProgressBar.silent()).run(train, test);

        assertThat(resumed.state().iteration).isEqualTo(straight.state().iteration).isEqualTo(8);
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(
                straight.runDir().resolve("checkpoint").resolve(straight.state().checkpointModel).toFile(), true);
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(
                resumedDir.resolve("checkpoint").resolve(resumed.state().checkpointModel).toFile(), true);
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(b.getUpdater().getStateViewArray()).isEqualTo(a.getUpdater().getStateViewArray());
        assertThat(resumed.state().history).extracting(h -> h.testAccuracy)
                .containsExactlyElementsOf(straight.state().history.stream().map(h -> h.testAccuracy).toList());
        assertThat(resumed.state().history).extracting(h -> h.trainLoss)
                .containsExactlyElementsOf(straight.state().history.stream().map(h -> h.trainLoss).toList());
        assertThat(resumed.state().snapshots).extracting(s -> s.testAccuracy)
                .containsExactlyElementsOf(straight.state().snapshots.stream().map(s -> s.testAccuracy).toList());
    }

    @Test
    void shouldRefuseToResumeWithADifferentConfigurationOrData() throws IOException {
        Fer2013Data train = Synthetic.data(48, 5);
        Fer2013Data test = Synthetic.data(12, 6);
        TrainConfig cfg = config("ref4", 24, 1, Augmentation.none(), 1e-3);
        Path run = dir.resolve("run");
        new Trainer(cfg, run, ProgressBar.silent()).stopAtIteration(1).run(train, test);
        TrainConfig other = new TrainConfig("ref4", "synthetic", DisgustPolicy.DROP, PreprocessingMode.SCALE, 3L, 24,
                1, 0, 1e-3, "cosine", 4, 3, 0, 0, Augmentation.none(), true);
        assertThatThrownBy(() -> new Trainer(other, run, ProgressBar.silent()).run(train, test))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("different configuration");
        assertThatThrownBy(() -> new Trainer(cfg, run, ProgressBar.silent()).run(Synthetic.data(48, 99), test))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("different data");
    }

    @Test
    void shouldAugmentDeterministicallyAndKeepIdentityWhenDisabled() {
        Fer2013Data d = Synthetic.data(1, 7);
        float[] a = new float[2304];
        float[] b = new float[2304];
        Augmentation.standard().apply(d.pixels(), 0, a, 0, new SplittableRandom(9));
        Augmentation.standard().apply(d.pixels(), 0, b, 0, new SplittableRandom(9));
        assertThat(a).isEqualTo(b);
        Augmentation.none().apply(d.pixels(), 0, a, 0, new SplittableRandom(9));
        for (int p = 0; p < 2304; p++) {
            assertThat(a[p]).isEqualTo(d.pixels()[p] & 0xff);
        }
        Augmentation flipOnly = new Augmentation(0, 0, 0, true);
        boolean sawFlip = false;
        for (int seed = 0; seed < 8 && !sawFlip; seed++) {
            flipOnly.apply(d.pixels(), 0, a, 0, new SplittableRandom(seed));
            sawFlip = a[0] == (d.pixels()[47] & 0xff) && a[47] == (d.pixels()[0] & 0xff) && a[0] != a[47];
        }
        assertThat(sawFlip).isTrue();
    }

    @Test
    void shouldBuildTheLearningRateSchedule() {
        TrainConfig cfg = config("ref4", 32, 10, Augmentation.none(), 1e-3);
        var s = Trainer.schedule(cfg, 100);
        assertThat(s.valueAt(0, 0)).isEqualTo(1e-4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(s.valueAt(100, 1)).isEqualTo(1e-3, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(s.valueAt(999, 9)).isLessThan(2e-5);
    }
}
