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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * fixed statistics; like DL4J M2.1, without the activation configured on the layer, which DL4J ignores), dense, and
 * a softmax output with multi-class cross-entropy. Dropout is left out (an identity at
 * inference). {@link #build} starts from He-normal random weights; {@link #fromNetwork} copies a (trained)
 * network's parameters, so that its outputs equal the network's.
 *
 * <p>The graphs are built with SameDiff's execution cache off ({@link SameDiff#setEnableCache}): with the
 * {@code onednn-avx512} binary of ND4J 1.0.0-M2.1 the cached path gives wrong results after the first call.
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
        return build(conf, input, format, learningRate, null);
    }

    /**
     * The graph of a trained network with its parameters copied, for inference (or further training) in SameDiff.
     * Dropout is an identity at inference, so the outputs equal {@code net.output(x)} up to float rounding; an NHWC
     * graph takes {@code [N,48,48,1]} input and has the first dense layer's rows reordered to match.
     *
     * @param net   an initialised network whose architecture uses only the supported layers
     * @param input its input type, e.g. {@code InputType.convolutional(48, 48, 1)}
     */
    public static SameDiff fromNetwork(MultiLayerNetwork net, InputType input, CNN2DFormat format,
                                       double learningRate) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            if (l instanceof ConvolutionLayer c && c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                throw new IllegalArgumentException("only NCHW networks can be converted (layer " + i + " is "
                        + c.getCnn2dDataFormat() + ")");
            }
        }
        return build(conf, input, format, learningRate, (layer, key) -> net.getLayer(layer).getParam(key));
    }

    /** Where the parameters come from: DL4J's parameter of a layer by key ("W", "b", "gamma"...). */
    @FunctionalInterface
    private interface ParamSource {
        INDArray get(int layer, String key);
    }

    private static SameDiff build(MultiLayerConfiguration conf, InputType input, CNN2DFormat format,
                                  double learningRate, ParamSource params) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) input;
        boolean nhwc = format == CNN2DFormat.NHWC;
        SameDiff sd = SameDiff.create();
        // With the onednn-avx512 nd4j-native binary, ND4J 1.0.0-M2.1's cached execution returns wrong outputs from
        // the second call on (and training does not converge); without the cache the results equal the default
        // binary's. See docs/benchmarks.md.
        sd.setEnableCache(false);
        long h = in.getHeight();
        long w = in.getWidth();
        long c = in.getChannels();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, nhwc ? new long[] {-1, h, w, c} : new long[] {-1, c, h, w});
        InputType cur = input;
        SDVariable logits = null;
        int classes = 0;
        InputType flattened = null;
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            flattened = null;
            if (pre != null) {
                InputType after = pre.getOutputType(cur);
                flattened = cur;
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
                // DL4J keeps conv weights as [outC, inC, kH, kW]; SameDiff's conv2d wants [kH, kW, inC, outC]
                INDArray w0 = params == null ? he(inC * k[0] * k[1], k[0], k[1], inC, outC)
                        : params.get(i, "W").permute(2, 3, 1, 0).dup('c');
                SDVariable wv = sd.var("w" + i, w0);
                SDVariable bv = !cl.hasBias() ? null : sd.var("b" + i, params == null ? Nd4j.zeros(DataType.FLOAT, outC)
                        : params.get(i, "b").reshape(outC).dup());
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
                INDArray m0 = Nd4j.zeros(DataType.FLOAT, ch);
                INDArray v0 = Nd4j.ones(DataType.FLOAT, ch);
                INDArray g0 = Nd4j.ones(DataType.FLOAT, ch);
                INDArray b0 = Nd4j.zeros(DataType.FLOAT, ch);
                if (params != null) {
                    g0 = params.get(i, "gamma").reshape(ch).dup();
                    b0 = params.get(i, "beta").reshape(ch).dup();
                    m0 = params.get(i, "mean").reshape(ch).dup();
                    INDArray var = params.get(i, "var");
                    if (var != null) {
                        v0 = var.reshape(ch).dup();
                    } else { // stored as log10(sqrt(var + eps))
                        INDArray std = org.nd4j.linalg.ops.transforms.Transforms.pow(
                                Nd4j.valueArrayOf(new long[] {ch}, 10.0f), params.get(i, "log10stdev").reshape(ch), true);
                        v0 = std.muli(std).subi(bn.getEps());
                    }
                }
                SDVariable mean = sd.constant("bnMean" + i, m0);
                SDVariable var = sd.constant("bnVar" + i, v0);
                SDVariable gamma = sd.var("bnGamma" + i, g0);
                SDVariable beta = sd.var("bnBeta" + i, b0);
                x = sd.nn().batchNorm(x, mean, var, gamma, beta, bn.getEps(), nhwc ? 3 : 1);
                // DL4J 1.0.0-M2.1's BatchNormalization layer never applies the activation set on it (its activate()
                // does not call getActivationFn()), so neither does this graph: the outputs must match the network.
            } else if (layer instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer al) {
                x = activation(sd, x, al.getActivationFn(), i);
            } else if (layer instanceof OutputLayer ol) {
                if (i != n - 1) {
                    throw new UnsupportedOperationException("output layer must be last");
                }
                long nIn = ol.getNIn();
                classes = (int) ol.getNOut();
                SDVariable wv = sd.var("w" + i, params == null ? he(nIn, nIn, classes) : denseW(params.get(i, "W"),
                        flattened, nhwc));
                SDVariable bv = sd.var("b" + i, params == null ? Nd4j.zeros(DataType.FLOAT, classes)
                        : params.get(i, "b").reshape(classes).dup());
                logits = linear(sd, x, wv, bv);
            } else if (layer instanceof DenseLayer dl) {
                long nIn = dl.getNIn();
                long nOut = dl.getNOut();
                SDVariable wv = sd.var("w" + i, params == null ? he(nIn, nIn, nOut) : denseW(params.get(i, "W"),
                        flattened, nhwc));
                SDVariable bv = sd.var("b" + i, params == null ? Nd4j.zeros(DataType.FLOAT, nOut)
                        : params.get(i, "b").reshape(nOut).dup());
                x = activation(sd, linear(sd, x, wv, bv), dl.getActivationFn(), i);
            } else {
                throw new UnsupportedOperationException("layer " + layer.getClass().getSimpleName()
                        + " is not supported by the SameDiff builder");
            }
            if (logits == null) {
                x = x.rename(layerOutput(i));
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

    /**
     * A dense layer as a matrix product plus bias: the same values as {@code sd.nn().linear} (xw_plus_b), whose op
     * costs a fixed ~23 ms of CPU per call in ND4J 1.0.0-M2.1 (measured by the classifier's engine work), more than
     * the whole rest of a small batch.
     */
    public static SDVariable linear(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        return sd.mmul(x, w).add(b);
    }

    /** The name of layer {@code i}'s output in the graph (all layers but the output layer). */
    public static String layerOutput(int i) {
        return "layer" + i;
    }

    /** Probabilities for one batch; collects on this thread when native memory is over its bound (offline use). */
    public static INDArray output(SameDiff sd, INDArray input) {
        INDArray out = serve(sd, input);
        io.ferstream.model.runtime.NativeMemoryGuard.check();
        return out;
    }

    /**
     * Probabilities for one batch, never collecting on the calling thread (benchmarks and tests that free or measure
     * memory themselves). The classifier does not call it: it runs planned passes of these graphs.
     */
    public static INDArray serve(SameDiff sd, INDArray input) {
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

    /**
     * A dense layer's weights [nIn, nOut]; when the layer follows a flatten of an NHWC activation in the SameDiff
     * graph, its rows are reordered from DL4J's (c, h, w) flatten order to (h, w, c).
     */
    private static INDArray denseW(INDArray w, InputType flattenedFrom, boolean nhwc) {
        if (!nhwc || !(flattenedFrom instanceof InputType.InputTypeConvolutional c)) {
            return w.dup('c');
        }
        long nOut = w.size(1);
        return w.reshape('c', c.getChannels(), c.getHeight(), c.getWidth(), nOut).permute(1, 2, 0, 3).dup('c')
                .reshape('c', c.getHeight() * c.getWidth() * c.getChannels(), nOut);
    }

    private static INDArray he(long fanIn, long... shape) {
        return Nd4j.randn(DataType.FLOAT, shape).muli(Math.sqrt(2.0 / fanIn));
    }
}
