package io.ferstream.model.bench;

/**
 * The forward-pass cost of one layer for one example.
 *
 * @param index   layer index in the network
 * @param type    layer kind, e.g. {@code conv 5x5 s1}, {@code maxpool 2x2}, {@code dense}
 * @param input   input shape per example, e.g. {@code 48x48x1} (height x width x channels) or {@code 2916}
 * @param output  output shape per example
 * @param macs    multiply-accumulates (conv and dense; 0 for the others)
 * @param flops   floating-point operations of the forward pass: 2 * macs for conv/dense, one comparison or
 *                addition per window element for pooling, 2 per element for batch norm; 0 for layers that are not
 *                counted (activations, dropout, bias additions)
 * @param params  trainable parameters
 * @param counted false when the layer kind is not known to the counter (its cost is then missing from the total)
 */
public record LayerFlops(int index, String type, String input, String output, long macs, long flops, long params,
                         boolean counted) {
}
