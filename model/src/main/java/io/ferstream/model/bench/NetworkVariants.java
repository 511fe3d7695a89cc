package io.ferstream.model.bench;

import java.util.Map;

import io.ferstream.model.arch.Architecture;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds an architecture's network with the benchmark's settings: workspace modes and activation layout. The
 * architectures are defined for NCHW input {@code [N,1,48,48]}; for NHWC every convolution, pooling and batch-norm
 * layer and the CNN-to-dense preprocessor are switched to NHWC, and the input becomes {@code [N,48,48,1]}.
 */
public final class NetworkVariants {

    private NetworkVariants() {
    }

    /** The configuration of {@code arch} with the given layout and workspace mode (training and inference). */
    public static MultiLayerConfiguration configuration(Architecture arch, CNN2DFormat format,
                                                        WorkspaceMode workspace, long seed) {
        MultiLayerConfiguration conf = arch.configuration(seed, new Adam(arch.defaultLearningRate())).clone();
        conf.setTrainingWorkspaceMode(workspace);
        conf.setInferenceWorkspaceMode(workspace);
        if (format != CNN2DFormat.NCHW) {
            for (int i = 0; i < conf.getConfs().size(); i++) {
                Layer l = conf.getConf(i).getLayer();
                if (l instanceof ConvolutionLayer c) {
                    c.setCnn2dDataFormat(format);
                } else if (l instanceof SubsamplingLayer s) {
                    s.setCnn2dDataFormat(format);
                } else if (l instanceof BatchNormalization b) {
                    b.setCnn2DFormat(format);
                }
            }
            for (Map.Entry<Integer, InputPreProcessor> e : conf.getInputPreProcessors().entrySet()) {
                if (e.getValue() instanceof CnnToFeedForwardPreProcessor p) {
                    p.setFormat(format);
                }
            }
        }
        return conf;
    }

    /** An initialised network. */
    public static MultiLayerNetwork network(Architecture arch, CNN2DFormat format, WorkspaceMode workspace,
                                            long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(arch, format, workspace, seed));
        net.init();
        return net;
    }

    /** The input shape of a batch: {@code [b,1,48,48]} (NCHW) or {@code [b,48,48,1]} (NHWC). */
    public static long[] inputShape(CNN2DFormat format, int batch, int side, int channels) {
        return format == CNN2DFormat.NCHW ? new long[] {batch, channels, side, side}
                : new long[] {batch, side, side, channels};
    }
}
