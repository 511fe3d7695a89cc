package io.ferstream.model.train;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
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
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The training form of a {@link MultiLayerNetwork} as a SameDiff graph in NHWC layout, so that convolutions and pooling
 * run through libnd4j's own ops (oneDNN on the {@code onednn-avx512} and {@code onednn-avx2} binaries): about 8-10x the
 * training throughput of {@code MultiLayerNetwork.fit} on this project's CNNs (docs/benchmarks.md, "Model speed").
 *
 * <p>The network stays the source of truth for everything outside the training step: the graph starts from its
 * weights, and {@link #copyTo} writes them back (snapshots, checkpoints, evaluation and release bundles all use the
 * network). What the graph does like DL4J's training mode:
 * <ul>
 *   <li>Dropout as DL4J defines it: on a layer's <em>input</em>, with DL4J's retain probability, inverted scaling.
 *       The masks are placeholders drawn from a seed given per iteration, so runs are reproducible.</li>
 *   <li>Batch normalisation with the batch's own mean and variance (written out with elementwise ops, so autodiff
 *       gives the exact gradient). The running statistics that DL4J keeps for inference are computed instead by
 *       {@link #copyTo} from a pass over calibration batches with the final weights ("precise BN").</li>
 *   <li>The network's updater (Adam with its learning-rate schedule) and its regularisation (weight decay; SameDiff
 *       applies it to every trainable variable, biases and batch-norm scale and shift included).</li>
 * </ul>
 * Supported layers: convolution (no explicit padding or dilation), max/avg pooling, batch normalisation, activation
 * (ReLU/identity), dense, softmax output. The execution cache is off: with the oneDNN binary of ND4J 1.0.0-M2.1 the
 * cached path computes wrong results after the first call.
 */
public final class SameDiffTrainingGraph {

    static final String INPUT = "input";
    static final String LABEL = "label";
    static final String PROBS = "probs";
    static final String LOSS = "loss";

    /** What to copy back to the network: a variable of the graph and how it maps onto a layer's parameter. */
    private record Binding(int layer, String key, String variable, Kind kind, long[] flattened) {
    }

    private enum Kind { CONV_W, VECTOR, DENSE_W }

    private record Mask(String name, long width, double retain) {
    }

    private record BatchNormStats(int layer, String mean, String variance, double eps) {
    }

    private SameDiff sd;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<Mask> masks = new ArrayList<>();
    private final List<BatchNormStats> batchNorms = new ArrayList<>();
    private final List<String> featureNames = new ArrayList<>();
    private final int side;

    private SameDiffTrainingGraph(MultiLayerNetwork net, int side) {
        this.side = side;
        this.sd = build(net);
    }

    /** The training graph of {@code net} (an initialised network taking [N,1,side,side] NCHW input). */
    public static SameDiffTrainingGraph fromNetwork(MultiLayerNetwork net, int side) {
        return new SameDiffTrainingGraph(net, side);
    }

    /**
     * One optimiser step on a batch.
     *
     * @param xNchw      preprocessed input [N,1,side,side]
     * @param labels     one-hot [N,classes]
     * @param dropoutSeed seed of this step's dropout masks
     * @return NaN: SameDiff 1.0.0-M2.1 reports no usable loss from {@code fit} (its History has no loss curve, a
     *         listener's Loss is empty and the loss activation handed to a listener reads NaN); callers measure the
     *         loss with {@link #output} on sampled batches instead
     */
    public double fit(INDArray xNchw, INDArray labels, long dropoutSeed) {
        int n = (int) xNchw.size(0);
        INDArray[] features = new INDArray[featureNames.size()];
        features[0] = nhwc(xNchw);
        SplittableRandom rnd = new SplittableRandom(dropoutSeed);
        for (int m = 0; m < masks.size(); m++) {
            features[m + 1] = mask(masks.get(m), n, rnd);
        }
        sd.fit(new MultiDataSet(features, new INDArray[] {labels}));
        return Double.NaN;
    }

    /** Softmax outputs of the training form (batch statistics, no dropout), for monitoring training accuracy. */
    public INDArray output(INDArray xNchw) {
        return sd.outputSingle(placeholders(xNchw), PROBS);
    }

    /** Iterations done so far (drives the learning-rate schedule). */
    public int iterationCount() {
        return sd.getTrainingConfig().getIterationCount();
    }

    /** Sets the iteration and epoch counters (when resuming without a saved optimiser state). */
    public void setCounters(int iteration, int epoch) {
        sd.getTrainingConfig().setIterationCount(iteration);
        sd.getTrainingConfig().setEpochCount(epoch);
    }

    /**
     * Writes the graph's weights into {@code net}; batch-norm layers get population statistics measured over
     * {@code calibration} (preprocessed [N,1,side,side] batches, e.g. a few thousand training images) with the
     * final weights.
     */
    public void copyTo(MultiLayerNetwork net, List<INDArray> calibration) {
        for (Binding b : bindings) {
            INDArray v = sd.getVariable(b.variable()).getArr();
            INDArray target = net.getLayer(b.layer()).getParam(b.key());
            INDArray value = switch (b.kind()) {
                case CONV_W -> v.permute(3, 2, 0, 1);
                case VECTOR -> v;
                case DENSE_W -> denseToDl4j(v, b.flattened());
            };
            target.assign(value.dup('c').reshape(target.shape()));
        }
        if (batchNorms.isEmpty()) {
            return;
        }
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("batch normalisation needs calibration batches");
        }
        String[] names = new String[batchNorms.size() * 2];
        for (int i = 0; i < batchNorms.size(); i++) {
            names[2 * i] = batchNorms.get(i).mean();
            names[2 * i + 1] = batchNorms.get(i).variance();
        }
        Map<String, INDArray> sums = new HashMap<>();
        long images = 0;
        for (INDArray batch : calibration) {
            Map<String, INDArray> out = sd.output(placeholders(batch), names);
            for (String name : names) {
                INDArray v = out.get(name).castTo(DataType.DOUBLE).reshape(-1);
                sums.merge(name, v.mul(batch.size(0)), INDArray::addi);
            }
            images += batch.size(0);
        }
        for (BatchNormStats s : batchNorms) {
            INDArray mean = sums.get(s.mean()).divi(images).castTo(DataType.FLOAT);
            INDArray variance = sums.get(s.variance()).divi(images).castTo(DataType.FLOAT);
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(s.layer());
            layer.getParam("mean").assign(mean.reshape(layer.getParam("mean").shape()));
            INDArray var = layer.paramTable().get("var");
            if (var != null) {
                var.assign(variance.reshape(var.shape()));
            } else { // DL4J's default: stored as log10(sqrt(var + eps))
                INDArray log10std = org.nd4j.linalg.ops.transforms.Transforms.log(
                        org.nd4j.linalg.ops.transforms.Transforms.sqrt(variance.add(s.eps()), false), 10, false);
                INDArray p = layer.getParam("log10stdev");
                p.assign(log10std.reshape(p.shape()));
            }
        }
    }

    /** Saves the graph with its optimiser state (for resuming). */
    public void save(File file) {
        sd.save(file, true);
    }

    /**
     * Replaces the graph's variables and optimiser state by those saved with {@link #save}; the graph's structure
     * must be the same (the same architecture).
     */
    public void restore(File file) throws IOException {
        SameDiff loaded = SameDiff.load(file, true);
        for (Binding b : bindings) {
            if (!loaded.hasVariable(b.variable())) {
                throw new IOException(file + " is not a checkpoint of this graph (no variable " + b.variable() + ")");
            }
        }
        loaded.setEnableCache(false);
        this.sd = loaded;
    }

    private Map<String, INDArray> placeholders(INDArray xNchw) {
        Map<String, INDArray> ph = new HashMap<>();
        int n = (int) xNchw.size(0);
        ph.put(INPUT, nhwc(xNchw));
        for (Mask m : masks) {
            ph.put(m.name(), Nd4j.ones(DataType.FLOAT, n, m.width()));
        }
        return ph;
    }

    private INDArray nhwc(INDArray xNchw) {
        if (xNchw.size(1) != 1) {
            throw new IllegalArgumentException("expected one channel, got shape " + java.util.Arrays.toString(xNchw.shape()));
        }
        // With one channel NCHW and NHWC hold the same values in the same order.
        return xNchw.dup('c').reshape('c', xNchw.size(0), side, side, 1);
    }

    private static INDArray mask(Mask m, int n, SplittableRandom rnd) {
        float[] v = new float[(int) (n * m.width())];
        float keep = (float) (1.0 / m.retain());
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() < m.retain() ? keep : 0f;
        }
        return Nd4j.create(v, new long[] {n, m.width()}, DataType.FLOAT);
    }

    private SameDiff build(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        SameDiff g = SameDiff.create();
        g.setEnableCache(false);
        SDVariable x = g.placeHolder(INPUT, DataType.FLOAT, -1, side, side, 1);
        featureNames.add(INPUT);
        InputType cur = InputType.convolutional(side, side, 1);
        SDVariable logits = null;
        int classes = 0;
        IUpdater updater = null;
        List<Regularization> regularization = List.of();
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            InputType flattenedFrom = null;
            if (pre != null) {
                if (!(pre instanceof CnnToFeedForwardPreProcessor)) {
                    throw new UnsupportedOperationException("preprocessor " + pre.getClass().getSimpleName());
                }
                InputType after = pre.getOutputType(cur);
                flattenedFrom = cur;
                x = g.reshape(x, -1, after.arrayElementsPerExample());
                cur = after;
            }
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof BaseLayer bl && updater == null) {
                updater = bl.getIUpdater();
                regularization = bl.getRegularization() == null ? List.of() : bl.getRegularization();
            }
            IDropout drop = layer.getIDropout();
            if (drop != null) {
                if (!(drop instanceof Dropout d) || !(cur instanceof InputType.InputTypeFeedForward)) {
                    throw new UnsupportedOperationException("only plain dropout on dense inputs is supported (layer "
                            + i + ")");
                }
                long width = cur.arrayElementsPerExample();
                Mask m = new Mask("mask" + i, width, d.getP());
                masks.add(m);
                featureNames.add(m.name());
                x = x.mul(g.placeHolder(m.name(), DataType.FLOAT, -1, width));
            }
            InputType next = layer.getOutputType(i, cur);
            if (layer.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer cl = (ConvolutionLayer) layer;
                int[] k = cl.getKernelSize();
                int[] s = cl.getStride();
                int[] p = cl.getPadding();
                if ((p[0] | p[1]) != 0 || cl.getDilation()[0] != 1 || cl.getDilation()[1] != 1) {
                    throw new UnsupportedOperationException("conv with explicit padding or dilation (layer " + i + ")");
                }
                SDVariable w = g.var("w" + i, net.getLayer(i).getParam("W").permute(2, 3, 1, 0).dup('c'));
                bindings.add(new Binding(i, "W", "w" + i, Kind.CONV_W, null));
                Conv2DConfig cc = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                        .paddingMode(cl.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                        .dataFormat("NHWC").build();
                if (cl.hasBias()) {
                    SDVariable b = g.var("b" + i, net.getLayer(i).getParam("b").reshape(cl.getNOut()).dup());
                    bindings.add(new Binding(i, "b", "b" + i, Kind.VECTOR, null));
                    x = g.cnn().conv2d(x, w, b, cc);
                } else {
                    x = g.cnn().conv2d(x, w, cc);
                }
                x = activation(g, x, cl.getActivationFn(), i);
            } else if (layer.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer sl = (SubsamplingLayer) layer;
                int[] k = sl.getKernelSize();
                int[] s = sl.getStride();
                Pooling2DConfig pc = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                        .paddingMode(sl.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                        .isNHWC(true).build();
                x = sl.getPoolingType() == PoolingType.MAX ? g.cnn().maxPooling2d(x, pc) : g.cnn().avgPooling2d(x, pc);
            } else if (layer instanceof BatchNormalization bn) {
                long c = bn.getNOut();
                SDVariable gamma = g.var("bnGamma" + i, net.getLayer(i).getParam("gamma").reshape(c).dup());
                SDVariable beta = g.var("bnBeta" + i, net.getLayer(i).getParam("beta").reshape(c).dup());
                bindings.add(new Binding(i, "gamma", "bnGamma" + i, Kind.VECTOR, null));
                bindings.add(new Binding(i, "beta", "bnBeta" + i, Kind.VECTOR, null));
                SDVariable mean = x.mean("bnBatchMean" + i, true, 0, 1, 2);
                SDVariable centred = x.sub(mean);
                SDVariable variance = centred.mul(centred).mean("bnBatchVar" + i, true, 0, 1, 2);
                SDVariable normed = centred.mul(variance.add(bn.getEps()).pow(-0.5));
                x = normed.mul(g.reshape(gamma, 1, 1, 1, c)).add(g.reshape(beta, 1, 1, 1, c));
                batchNorms.add(new BatchNormStats(i, "bnBatchMean" + i, "bnBatchVar" + i, bn.getEps()));
                // DL4J 1.0.0-M2.1's BatchNormalization never applies its configured activation; architectures put an
                // ActivationLayer after it instead, so none is applied here either.
            } else if (layer instanceof ActivationLayer al) {
                x = activation(g, x, al.getActivationFn(), i);
            } else if (layer instanceof OutputLayer ol) {
                if (i != n - 1 || !(ol.getActivationFn() instanceof ActivationSoftmax)) {
                    throw new UnsupportedOperationException("the output layer must be last and softmax");
                }
                classes = (int) ol.getNOut();
                logits = dense(g, net, x, i, ol.getNIn(), classes, flattenedFrom);
            } else if (layer instanceof DenseLayer dl) {
                x = activation(g, dense(g, net, x, i, dl.getNIn(), dl.getNOut(), flattenedFrom), dl.getActivationFn(), i);
            } else {
                throw new UnsupportedOperationException("layer " + layer.getClass().getSimpleName() + " (layer " + i
                        + ") is not supported by the SameDiff trainer");
            }
            cur = next;
        }
        if (logits == null || updater == null) {
            throw new UnsupportedOperationException("the configuration has no output layer");
        }
        SDVariable label = g.placeHolder(LABEL, DataType.FLOAT, -1, classes);
        g.nn().softmax(PROBS, logits, 1);
        g.loss().softmaxCrossEntropy(LOSS, label, logits, null);
        g.setLossVariables(LOSS);
        g.setTrainingConfig(TrainingConfig.builder()
                .updater(updater.clone())
                .regularization(regularization)
                .dataSetFeatureMapping(featureNames.toArray(String[]::new))
                .dataSetLabelMapping(LABEL)
                .build());
        return g;
    }

    private SDVariable dense(SameDiff g, MultiLayerNetwork net, SDVariable x, int i, long nIn, long nOut,
                             InputType flattenedFrom) {
        INDArray w = net.getLayer(i).getParam("W");
        long[] shape = null;
        if (flattenedFrom instanceof InputType.InputTypeConvolutional c) {
            shape = new long[] {c.getChannels(), c.getHeight(), c.getWidth()};
            // DL4J flattens (c, h, w); the NHWC graph flattens (h, w, c): reorder the rows.
            w = w.reshape('c', shape[0], shape[1], shape[2], nOut).permute(1, 2, 0, 3).dup('c')
                    .reshape('c', nIn, nOut);
        }
        SDVariable wv = g.var("w" + i, w.dup('c'));
        SDVariable bv = g.var("b" + i, net.getLayer(i).getParam("b").reshape(nOut).dup());
        bindings.add(new Binding(i, "W", "w" + i, Kind.DENSE_W, shape));
        bindings.add(new Binding(i, "b", "b" + i, Kind.VECTOR, null));
        return io.ferstream.model.bench.SameDiffNets.linear(g, x, wv, bv);
    }

    private static INDArray denseToDl4j(INDArray w, long[] chw) {
        if (chw == null) {
            return w;
        }
        long nOut = w.size(1);
        return w.reshape('c', chw[1], chw[2], chw[0], nOut).permute(2, 0, 1, 3).dup('c')
                .reshape('c', chw[0] * chw[1] * chw[2], nOut);
    }

    private static SDVariable activation(SameDiff g, SDVariable x, IActivation fn, int layer) {
        if (fn instanceof ActivationReLU) {
            return g.nn().relu(x, 0);
        }
        if (fn instanceof ActivationIdentity) {
            return x;
        }
        throw new UnsupportedOperationException("activation " + fn + " of layer " + layer + " is not supported");
    }
}
