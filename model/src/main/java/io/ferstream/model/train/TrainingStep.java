package io.ferstream.model.train;

import io.ferstream.model.bench.SameDiffNets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link Trainer} takes a training step and evaluates: on the {@code MultiLayerNetwork} itself, or on its
 * SameDiff form ({@link SameDiffTrainingGraph}), which is written back into the network whenever the network is
 * needed (snapshots, checkpoints, evaluation).
 */
abstract class TrainingStep {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingStep.class);
    private static final int SIDE = 48;

    /** One optimiser step; returns the batch loss. */
    abstract double fit(INDArray x, INDArray y, long seed);

    /** Training-mode softmax outputs, for monitoring. */
    abstract INDArray output(INDArray x);

    /** The network with the current weights. */
    abstract MultiLayerNetwork network();

    /** The fastest inference function for the current weights (equal to {@code network().output}). */
    abstract UnaryOperator<INDArray> inference();

    /** Saves optimiser state beyond the network's, if any; returns whether it wrote {@code file}. */
    abstract boolean saveState(Path file) throws IOException;

    static TrainingStep network(MultiLayerNetwork net) {
        return new NetworkStep(net);
    }

    static TrainingStep sameDiff(MultiLayerNetwork net, TrainingState state, Path checkpointDir,
                                 List<INDArray> calibration) throws IOException {
        SameDiffTrainingGraph graph = SameDiffTrainingGraph.fromNetwork(net, SIDE);
        Path saved = state.checkpointGraph == null ? null : checkpointDir.resolve(state.checkpointGraph);
        if (saved != null && Files.exists(saved)) {
            graph.restore(saved.toFile());
            LOG.info("restored the SameDiff graph and its optimiser state from {} (iteration {})", saved,
                    graph.iterationCount());
        } else {
            graph.setCounters((int) state.iteration, state.epoch);
        }
        return new SameDiffStep(net, graph, calibration);
    }

    private static final class NetworkStep extends TrainingStep {
        private final MultiLayerNetwork net;

        NetworkStep(MultiLayerNetwork net) {
            this.net = net;
        }

        @Override
        double fit(INDArray x, INDArray y, long seed) {
            Nd4j.getRandom().setSeed(seed);
            net.fit(new DataSet(x, y));
            return net.score();
        }

        @Override
        INDArray output(INDArray x) {
            return net.output(x, false);
        }

        @Override
        MultiLayerNetwork network() {
            return net;
        }

        @Override
        UnaryOperator<INDArray> inference() {
            return x -> net.output(x, false);
        }

        @Override
        boolean saveState(Path file) {
            return false;
        }
    }

    private static final class SameDiffStep extends TrainingStep {
        private final MultiLayerNetwork net;
        private final SameDiffTrainingGraph graph;
        private final List<INDArray> calibration;
        private boolean stale = true;

        SameDiffStep(MultiLayerNetwork net, SameDiffTrainingGraph graph, List<INDArray> calibration) {
            this.net = net;
            this.graph = graph;
            this.calibration = calibration;
        }

        @Override
        double fit(INDArray x, INDArray y, long seed) {
            stale = true;
            double loss = graph.fit(x, y, seed);
            io.ferstream.model.runtime.NativeMemoryGuard.check();
            return loss;
        }

        @Override
        INDArray output(INDArray x) {
            return graph.output(x);
        }

        @Override
        MultiLayerNetwork network() {
            if (stale) {
                graph.copyTo(net, calibration);
                net.setIterationCount(graph.iterationCount());
                stale = false;
            }
            return net;
        }

        @Override
        UnaryOperator<INDArray> inference() {
            SameDiff sd = SameDiffNets.fromNetwork(network(), InputType.convolutional(SIDE, SIDE, 1), CNN2DFormat.NHWC,
                    1e-3);
            return x -> SameDiffNets.output(sd, x.dup('c').reshape('c', x.size(0), SIDE, SIDE, 1));
        }

        @Override
        boolean saveState(Path file) {
            graph.save(file.toFile());
            return true;
        }
    }
}
