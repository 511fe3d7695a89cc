package io.ferstream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ferstream.model.arch.Architectures;
import io.ferstream.model.data.DisgustPolicy;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.model.preprocess.PreprocessingMode;
import io.ferstream.model.testing.Synthetic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class SameDiffTrainingTest {

    @TempDir
    Path dir;

    private static MultiLayerNetwork network(String arch) {
        MultiLayerNetwork net = new MultiLayerNetwork(Architectures.get(arch).configuration(7L, new Adam(1e-3)));
        net.init();
        return net;
    }

    private static INDArray batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, 1, 48, 48);
    }

    @Test
    void shouldComputeTheNetworksOutputsAndWriteTheSameWeightsBack() {
        MultiLayerNetwork net = network("ref5");
        INDArray before = net.params().dup();
        INDArray x = batch(6, 1);
        SameDiffTrainingGraph graph = SameDiffTrainingGraph.fromNetwork(net, 48);

        // ref5 has no batch norm; without dropout the training form equals the network's inference
        INDArray expected = net.output(x, false);
        assertThat(graph.output(x).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        graph.copyTo(net, List.of());
        assertThat(net.params().sub(before).amaxNumber().doubleValue()).isLessThan(1e-7);
    }

    @Test
    void shouldTakeTheSameAdamStepsAsTheNetwork() {
        MultiLayerNetwork net = network("ref4");
        MultiLayerNetwork twin = net.clone();
        SameDiffTrainingGraph graph = SameDiffTrainingGraph.fromNetwork(twin, 48);
        INDArray x = batch(8, 3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 6);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 6, 1f);
        }
        for (int step = 0; step < 3; step++) {
            net.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
            graph.fit(x, y, step);
        }
        graph.copyTo(twin, List.of());

        // same gradients, same Adam updates: the weights agree to float rounding after three steps (as a whole: Adam
        // normalises each step, so a parameter whose gradient is ~0 may move by rounding noise alone)
        double diff = twin.params().sub(net.params()).norm2Number().doubleValue();
        double moved = net.params().sub(network("ref4").params()).norm2Number().doubleValue();
        assertThat(moved).isGreaterThan(1e-3);
        assertThat(diff).isLessThan(moved * 1e-2);
    }

    @Test
    void shouldGiveBatchNormLayersThePopulationStatisticsOfTheCalibrationData() {
        MultiLayerNetwork net = network("vgg-bn-s");
        INDArray x = batch(16, 2);
        SameDiffTrainingGraph graph = SameDiffTrainingGraph.fromNetwork(net, 48);
        INDArray trainingForm = graph.output(x);

        graph.copyTo(net, List.of(x));

        // With the statistics of exactly this batch, inference with running statistics equals the batch-statistics form
        // for the first batch-norm layer; later layers' statistics are those of the same forward pass too.
        assertThat(net.output(x, false).sub(trainingForm).amaxNumber().doubleValue()).isLessThan(2e-3);
    }

    @Test
    void shouldLearnASeparableSyntheticTask() throws IOException {
        Fer2013Data train = Synthetic.data(72, 1);
        Fer2013Data test = Synthetic.data(30, 2);
        TrainConfig cfg = new TrainConfig("ref4", "synthetic", DisgustPolicy.DROP, PreprocessingMode.GLOBAL_STANDARDIZE,
                3L, 12, 3, 0, 3e-3, "cosine", 4, 3, 0, 0, Augmentation.none(), true, "samediff");
        Trainer.Result r = new Trainer(cfg, dir.resolve("run"), ProgressBar.silent()).run(train, test);

        assertThat(r.state().bestTestAccuracy).isGreaterThanOrEqualTo(0.95);
        assertThat(r.state().history.get(2).trainLoss).isLessThan(r.state().history.get(0).trainLoss);
        assertThat(r.state().checkpointGraph).isNotNull();
        MultiLayerNetwork best = ModelSerializer.restoreMultiLayerNetwork(r.runDir().resolve("best.zip").toFile(), false);
        float[][] probs = Predictor.probabilities(best, Predictor.input(
                io.ferstream.model.preprocess.Preprocessing.fromJson(
                        java.nio.file.Files.readAllBytes(r.runDir().resolve("preprocessing.json"))), test, false), 64);
        assertThat(Predictor.accuracy(probs, test.labels())).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldResumeWithTheOptimiserStateToTheSameWeights() throws IOException {
        Fer2013Data train = Synthetic.data(32, 3);
        Fer2013Data test = Synthetic.data(6, 4);
        TrainConfig cfg = new TrainConfig("ref5", "synthetic", DisgustPolicy.DROP, PreprocessingMode.GLOBAL_STANDARDIZE,
                3L, 8, 2, 0, 1e-3, "cosine", 4, 3, 0, 0, Augmentation.standard(), false, "samediff");
        Trainer.Result straight = new Trainer(cfg, dir.resolve("straight"), ProgressBar.silent()).run(train, test);
        Path resumedDir = dir.resolve("resumed");
        new Trainer(cfg, resumedDir, ProgressBar.silent()).stopAtIteration(5).run(train, test);
        Trainer.Result resumed = new Trainer(cfg, resumedDir, ProgressBar.silent()).run(train, test);

        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(
                straight.runDir().resolve("checkpoint").resolve(straight.state().checkpointModel).toFile(), false);
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(
                resumedDir.resolve("checkpoint").resolve(resumed.state().checkpointModel).toFile(), false);
        assertThat(b.params().sub(a.params()).amaxNumber().doubleValue()).isCloseTo(0.0, within(1e-6));
        assertThat(resumed.state().history.get(1).trainLoss)
                .isCloseTo(straight.state().history.get(1).trainLoss, within(1e-6));
    }
}
