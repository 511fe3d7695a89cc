package io.ferstream.model.arch;

import io.ferstream.model.data.EmotionClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The registry of architectures by name. All take [N,1,48,48] NCHW FLOAT and end in a 6-way softmax
 * ({@link EmotionClasses#NAMES}).
 *
 * <ul>
 *   <li>{@code ref4}: the reference study's 4-layer net: conv 5x5x16 ReLU, max-pool 2; conv 5x5x36 ReLU,
 *       max-pool 2; dense 128 ReLU; softmax 6. Valid (unpadded) convolutions.</li>
 *   <li>{@code ref5}: conv 5x5x32, pool 2; conv 5x5x64, pool 2; conv 5x5x64, pool 2 (ReLU, valid);
 *       dense 128 ReLU with 30% dropout; softmax 6.</li>
 *   <li>{@code vgg-bn}: VGG-style with batch normalisation, see {@link #VGG_BN}; {@code vgg-bn-s} at half width.</li>
 *   <li>{@code tiny}: a small net for tests and smoke runs of the retraining loop, see {@link #TINY}.</li>
 * </ul>
 */
public final class Architectures {

    private static final int C = EmotionClasses.COUNT;
    private static final int SIDE = 48;

    /** The reference study's 4-layer network. */
    public static final Architecture REF4 = new Simple("ref4",
            "conv5x5x16 relu, maxpool2, conv5x5x36 relu, maxpool2, dense128 relu, softmax6 (valid convs)",
            44L * 44 * 16 * 25 + 18L * 18 * 36 * 16 * 25 + 9L * 9 * 36 * 128 + 128L * C, 1e-3) {
        @Override
        public MultiLayerConfiguration configuration(long seed, IUpdater updater) {
            return base(seed, updater).list()
                    .layer(conv(5, 16).build())
                    .layer(maxPool())
                    .layer(conv(5, 36).build())
                    .layer(maxPool())
                    .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                    .layer(output())
                    .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                    .build();
        }
    };

    /**
     * A deliberately small net for tests, CI and smoke runs of the retraining loop (22,782 parameters, a few
     * thousand images a second on one core): conv 5x5x8, pool 2; conv 5x5x8, pool 2; dense 32; softmax 6. Not a
     * model to serve.
     */
    public static final Architecture TINY = new Simple("tiny",
            "conv5x5x8 relu, maxpool2, conv5x5x8 relu, maxpool2, dense32 relu, softmax6 (valid convs; tests only)",
            44L * 44 * 8 * 25 + 18L * 18 * 8 * 8 * 25 + 9L * 9 * 8 * 32 + 32L * C, 3e-3) {
        @Override
        public MultiLayerConfiguration configuration(long seed, IUpdater updater) {
            return base(seed, updater).list()
                    .layer(conv(5, 8).build())
                    .layer(maxPool())
                    .layer(conv(5, 8).build())
                    .layer(maxPool())
                    .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                    .layer(output())
                    .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                    .build();
        }
    };

    /** The reference study's 5-layer network. */
    public static final Architecture REF5 = new Simple("ref5",
            "conv5x5x32 relu, maxpool2, conv5x5x64 relu, maxpool2, conv5x5x64 relu, maxpool2, dense128 relu "
                    + "+ dropout 30%, softmax6 (valid convs)",
            44L * 44 * 32 * 25 + 18L * 18 * 64 * 32 * 25 + 5L * 5 * 64 * 64 * 25 + 2L * 2 * 64 * 128 + 128L * C, 1e-3) {
        @Override
        public MultiLayerConfiguration configuration(long seed, IUpdater updater) {
            return base(seed, updater).list()
                    .layer(conv(5, 32).build())
                    .layer(maxPool())
                    .layer(conv(5, 64).build())
                    .layer(maxPool())
                    .layer(conv(5, 64).build())
                    .layer(maxPool())
                    // DL4J's dropOut(p) is the probability of RETAINING an activation: 0.7 = 30% dropout.
                    .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).dropOut(0.7).build())
                    .layer(output())
                    .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                    .build();
        }
    };

    /**
     * VGG-style with batch normalisation, sized for CPU training: 3x3 "same" convs, each followed by batch
     * norm and ReLU: [32] pool [64, 64] pool [128, 128] pool [256] pool; dense 256 ReLU with 50% dropout;
     * softmax 6; weight decay 1e-4.
     */
    public static final Architecture VGG_BN = vgg("vgg-bn", 32, 1e-3);

    /** {@link #VGG_BN} at half the width (about a quarter of the cost): 16, 32, 32, 64, 64, 128; dense 256. */
    public static final Architecture VGG_BN_S = vgg("vgg-bn-s", 16, 1e-3);

    private static Architecture vgg(String name, int w, double lr) {
        int[] widths = {w, -1, 2 * w, 2 * w, -1, 4 * w, 4 * w, -1, 8 * w, -1};
        long macs = 48L * 48 * w * 9 + 24L * 24 * (w * 2L * w + 4L * w * w) * 9
                + 12L * 12 * (8L * w * w + 16L * w * w) * 9 + 6L * 6 * 32L * w * w * 9 + 3L * 3 * 8 * w * 256
                + 256L * C;
        return new Simple(name, "3x3 same convs + batchnorm + relu: " + w + ", pool, " + 2 * w + ", " + 2 * w
                + ", pool, " + 4 * w + ", " + 4 * w + ", pool, " + 8 * w + ", pool; dense256 relu + dropout 50%; "
                + "softmax6; weight decay 1e-4", macs, lr) {
            @Override
            public MultiLayerConfiguration configuration(long seed, IUpdater updater) {
                NeuralNetConfiguration.ListBuilder b = base(seed, updater).weightDecay(1e-4, true).list();
                for (int width : widths) {
                    if (width < 0) {
                        b.layer(maxPool());
                    } else {
                        b.layer(conv(3, width).convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                                .hasBias(false).build());
                        // DL4J 1.0.0-M2.1's BatchNormalization ignores an activation set on it: ReLU is its own layer.
                        b.layer(new BatchNormalization.Builder().build());
                        b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
                    }
                }
                return b.layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).dropOut(0.5).build())
                        .layer(output())
                        .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                        .build();
            }
        };
    }

    private static final Map<String, Architecture> REGISTRY = new LinkedHashMap<>();

    static {
        for (Architecture a : List.of(REF4, REF5, VGG_BN, VGG_BN_S, TINY)) {
            REGISTRY.put(a.name(), a);
        }
    }

    private Architectures() {
    }

    /** The architecture registered under {@code name}. */
    public static Architecture get(String name) {
        Architecture a = REGISTRY.get(name);
        if (a == null) {
            throw new NoSuchElementException("unknown architecture '" + name + "', known: " + REGISTRY.keySet());
        }
        return a;
    }

    /** Registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    static NeuralNetConfiguration.Builder base(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .cudnnAlgoMode(ConvolutionLayer.AlgoMode.PREFER_FASTEST);
    }

    static ConvolutionLayer.Builder conv(int k, int n) {
        return new ConvolutionLayer.Builder(k, k).nOut(n).stride(1, 1)
                .convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.RELU);
    }

    static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(C)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build();
    }

    private abstract static class Simple implements Architecture {
        private final String name;
        private final String description;
        private final long macs;
        private final double lr;

        Simple(String name, String description, long macs, double lr) {
            this.name = name;
            this.description = description;
            this.macs = macs;
            this.lr = lr;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public long forwardMacs() {
            return macs;
        }

        @Override
        public double defaultLearningRate() {
            return lr;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
