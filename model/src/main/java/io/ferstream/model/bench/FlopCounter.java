package io.ferstream.model.bench;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Counts a DL4J network's forward FLOPs analytically from its layer shapes.
 *
 * <p>Conventions (the usual ones in papers): a multiply-accumulate is 2 FLOPs; a 2-D convolution costs
 * {@code outH * outW * outC * kH * kW * inC} MACs; a dense layer {@code nIn * nOut} MACs; a pooling layer one
 * operation per window element ({@code outH * outW * C * kH * kW}); batch normalisation 2 per element (the folded
 * scale and shift); global pooling one per input element. Bias additions, activations and dropout are not
 * counted (they are O(outputs), below 2% for the FerStream nets). Layers the counter does not know are listed
 * with 0 FLOPs and {@code counted = false}.
 */
public final class FlopCounter {

    private FlopCounter() {
    }

    /**
     * Per-layer costs of a configuration for one example of {@code input}.
     *
     * @param input the network input type, e.g. {@code InputType.convolutional(48, 48, 1)}
     */
    public static NetworkFlops count(MultiLayerConfiguration conf, InputType input) {
        List<LayerFlops> out = new ArrayList<>();
        InputType cur = input;
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                cur = pre.getOutputType(cur);
            }
            Layer layer = conf.getConf(i).getLayer();
            InputType next = layer.getOutputType(i, cur);
            out.add(layerFlops(i, layer, cur, next));
            cur = next;
        }
        return new NetworkFlops(out);
    }

    private static LayerFlops layerFlops(int i, Layer layer, InputType in, InputType outType) {
        long outElems = outType.arrayElementsPerExample();
        long inElems = in.arrayElementsPerExample();
        String inS = shape(in);
        String outS = shape(outType);
        if (layer.getClass() == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            int[] k = c.getKernelSize();
            long inC = c.getNIn();
            long outC = c.getNOut();
            long macs = outElems * k[0] * k[1] * inC;
            long params = k[0] * k[1] * inC * outC + (c.hasBias() ? outC : 0);
            return new LayerFlops(i, "conv " + k[0] + "x" + k[1] + " s" + c.getStride()[0], inS, outS, macs,
                    2 * macs, params, true);
        }
        if (layer instanceof SubsamplingLayer s && layer.getClass() == SubsamplingLayer.class) {
            int[] k = s.getKernelSize();
            return new LayerFlops(i, s.getPoolingType().name().toLowerCase() + "pool " + k[0] + "x" + k[1], inS,
                    outS, 0, outElems * k[0] * k[1], 0, true);
        }
        if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
            FeedForwardLayer f = (FeedForwardLayer) layer;
            long macs = f.getNIn() * f.getNOut();
            boolean bias = !(layer instanceof DenseLayer d) || d.hasBias();
            return new LayerFlops(i, layer instanceof OutputLayer ? "output" : "dense", inS, outS, macs, 2 * macs,
                    macs + (bias ? f.getNOut() : 0), true);
        }
        if (layer instanceof BatchNormalization b) {
            long ch = b.getNOut();
            return new LayerFlops(i, "batchnorm", inS, outS, 0, 2 * outElems, 2 * ch, true);
        }
        if (layer instanceof GlobalPoolingLayer) {
            return new LayerFlops(i, "globalpool", inS, outS, 0, inElems, 0, true);
        }
        if (layer instanceof ActivationLayer || layer instanceof DropoutLayer) {
            return new LayerFlops(i, layer.getClass().getSimpleName(), inS, outS, 0, 0, 0, true);
        }
        return new LayerFlops(i, layer.getClass().getSimpleName(), inS, outS, 0, 0, 0, false);
    }

    /** {@code HxWxC} for convolutional types, the size for feed-forward ones. */
    static String shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getHeight() + "x" + c.getWidth() + "x" + c.getChannels();
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat c) {
            return c.getHeight() + "x" + c.getWidth() + "x" + c.getDepth();
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return Long.toString(f.getSize());
        }
        return t.toString();
    }
}
