package io.ferstream.model.bench;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds the same layer graph as a DL4J {@link MultiLayerConfiguration} in SameDiff, for comparing the two
 * execution engines on equal FLOPs. Supported layers: 2-D convolution (Truncate/Strict = VALID, Same = SAME, no
 * extra padding or dilation), max/avg pooling, batch normalisation (inference form: learned scale and shift over
 * fixed statistics), dense, and a softmax output with multi-class cross-entropy. Dropout is left out (it is not
 * timed in inference anyway). Weights are He-normal random; nothing is copied from a trained network.
 *
 * <p>Placeholders: {@value #INPUT} ({@code [N,1,48,48]} or {@code [N,48,48,1]}) and {@value #LABEL} ({@code [N,k]});
 * outputs: {@value #PROBS} and the loss {@value #LOSS}.
 */
public final class SameDiffNets {

    /** Input placeholder name. */
    public static final String INPUT = "input";
    /** Label placeholder name. */
    public static final String LABEL = "label";
    /** Softmax output name. */
    public static final String PROBS = "probs";
    /** Loss variable name. */
    public static final String LOSS = "loss";

    private SameDiffNets() {
    }

    /**
     * @param conf   the DL4J configuration (its layers' nIn/nOut already set, i.e. built with an input type)
     * @param input  the input type, e.g. {@code InputType.convolutional(48, 48, 1)}
     * @param format activation layout of the SameDiff graph
     * @param learningRate Adam learning rate for {@link SameDiff#fit}
     * @throws UnsupportedOperationException for a layer kind not listed above
     */
    public static SameDiff build(MultiLayerConfiguration conf, InputType input, CNN2DFormat format,
                                 double learningRate, long seed) {
        Nd4j.getRandom().setSeed(seed);
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) input;
        boolean nhwc = format == CNN2DFormat.NHWC;
        SameDiff sd = SameDiff.create();
        long h = in.getHeight();
        long w = in.getWidth();
        long c = in.getChannels();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, nhwc ? new long[] {-1, h, w, c} : new long[] {-1, c, h, w});
        InputType cur = input;
        SDVariable logits = null;
        int classes = 0;
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                InputType after = pre.getOutputType(cur);
                if (pre instanceof CnnToFeedForwardPreProcessor) {
                    x = sd.reshape(x, -1, after.arrayElementsPerExample());
                } else {
                    throw new UnsupportedOperationException("preprocessor " + pre.getClass().getSimpleName());
                }
                cur = after;
            }
            Layer layer = conf.getConf(i).getLayer();
            InputType next = layer.getOutputType(i, cur);
            if (layer.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer cl = (ConvolutionLayer) layer;
                int[] k = cl.getKernelSize();
                int[] s = cl.getStride();
                int[] p = cl.getPadding();
                if ((p[0] | p[1]) != 0 || cl.getDilation()[0] != 1 || cl.getDilation()[1] != 1) {
                    throw new UnsupportedOperationException("conv with explicit padding or dilation");
                }
                long inC = cl.getNIn();
                long outC = cl.getNOut();
                SDVariable wv = sd.var("w" + i, he(inC * k[0] * k[1], k[0], k[1], inC, outC));
                SDVariable bv = cl.hasBias() ? sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, outC)) : null;
                Conv2DConfig cc = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                        .paddingMode(cl.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME
                                : PaddingMode.VALID)
                        .dataFormat(format.name()).build();
                x = bv == null ? sd.cnn().conv2d(x, wv, cc) : sd.cnn().conv2d(x, wv, bv, cc);
                x = activation(sd, x, cl.getActivationFn(), i);
            } else if (layer.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer sl = (SubsamplingLayer) layer;
                int[] k = sl.getKernelSize();
                int[] s = sl.getStride();
                Pooling2DConfig pc = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                        .paddingMode(sl.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME
                                : PaddingMode.VALID)
                        .isNHWC(nhwc).build();
                x = sl.getPoolingType() == PoolingType.MAX ? sd.cnn().maxPooling2d(x, pc) : sd.cnn().avgPooling2d(x, pc);
            } else if (layer instanceof BatchNormalization bn) {
                long ch = bn.getNOut();
                SDVariable mean = sd.constant("bnMean" + i, Nd4j.zeros(DataType.FLOAT, ch));
                SDVariable var = sd.constant("bnVar" + i, Nd4j.ones(DataType.FLOAT, ch));
                SDVariable gamma = sd.var("bnGamma" + i, Nd4j.ones(DataType.FLOAT, ch));
                SDVariable beta = sd.var("bnBeta" + i, Nd4j.zeros(DataType.FLOAT, ch));
                x = sd.nn().batchNorm(x, mean, var, gamma, beta, bn.getEps(), nhwc ? 3 : 1);
                x = activation(sd, x, bn.getActivationFn(), i);
            } else if (layer instanceof OutputLayer ol) {
                if (i != n - 1) {
                    throw new UnsupportedOperationException("output layer must be last");
                }
                long nIn = ol.getNIn();
                classes = (int) ol.getNOut();
                SDVariable wv = sd.var("w" + i, he(nIn, nIn, classes));
                SDVariable bv = sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, classes));
                logits = sd.nn().linear(x, wv, bv);
            } else if (layer instanceof DenseLayer dl) {
                long nIn = dl.getNIn();
                long nOut = dl.getNOut();
                SDVariable wv = sd.var("w" + i, he(nIn, nIn, nOut));
                SDVariable bv = sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, nOut));
                x = activation(sd, sd.nn().linear(x, wv, bv), dl.getActivationFn(), i);
            } else {
                throw new UnsupportedOperationException("layer " + layer.getClass().getSimpleName()
                        + " is not supported by the SameDiff builder");
            }
            cur = next;
        }
        if (logits == null) {
            throw new UnsupportedOperationException("the configuration has no OutputLayer");
        }
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, classes);
        sd.nn().softmax(PROBS, logits, 1);
        sd.loss().softmaxCrossEntropy(LOSS, label, logits, null);
        sd.setLossVariables(LOSS);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(learningRate))
                .dataSetFeatureMapping(INPUT).dataSetLabelMapping(LABEL).build());
        return sd;
    }

    /** Probabilities for one batch. */
    public static INDArray output(SameDiff sd, INDArray input) {
        return sd.outputSingle(Map.of(INPUT, input), PROBS);
    }

    private static SDVariable activation(SameDiff sd, SDVariable x, IActivation fn, int layer) {
        String name = fn.toString().toLowerCase();
        if (fn instanceof org.nd4j.linalg.activations.impl.ActivationReLU) {
            return sd.nn().relu(x, 0);
        }
        if (fn instanceof org.nd4j.linalg.activations.impl.ActivationIdentity) {
            return x;
        }
        throw new UnsupportedOperationException("activation " + name + " of layer " + layer + " ("
                + Activation.RELU + " and " + Activation.IDENTITY + " are supported)");
    }

    private static INDArray he(long fanIn, long... shape) {
        return Nd4j.randn(DataType.FLOAT, shape).muli(Math.sqrt(2.0 / fanIn));
    }
}
