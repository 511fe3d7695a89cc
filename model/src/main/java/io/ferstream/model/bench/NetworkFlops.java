package io.ferstream.model.bench;

import java.util.List;
import java.util.Locale;

/**
 * The analytic cost of a network per example.
 *
 * @param layers per-layer costs
 */
public record NetworkFlops(List<LayerFlops> layers) {

    /**
     * Training costs about three forward passes per example: the forward pass, the gradient with respect to the
     * layer input and the gradient with respect to the weights (each about one forward's worth of MACs for conv
     * and dense layers). Element-wise work (activations, updater) is not counted.
     */
    public static final double TRAINING_FACTOR = 3.0;

    public NetworkFlops {
        layers = List.copyOf(layers);
    }

    /** Forward FLOPs per example. */
    public long forwardFlops() {
        return layers.stream().mapToLong(LayerFlops::flops).sum();
    }

    /** Forward multiply-accumulates per example (conv + dense). */
    public long forwardMacs() {
        return layers.stream().mapToLong(LayerFlops::macs).sum();
    }

    /** Training FLOPs per example: {@link #TRAINING_FACTOR} x forward. */
    public double trainingFlops() {
        return TRAINING_FACTOR * forwardFlops();
    }

    /** Trainable parameters. */
    public long params() {
        return layers.stream().mapToLong(LayerFlops::params).sum();
    }

    /** Whether every layer's kind was known to the counter. */
    public boolean complete() {
        return layers.stream().allMatch(LayerFlops::counted);
    }

    /** A fixed-width per-layer table. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-3s %-18s %-12s %-12s %14s %14s %10s%n", "#", "layer", "input",
                "output", "MACs", "FLOPs", "params"));
        for (LayerFlops l : layers) {
            sb.append(String.format(Locale.ROOT, "%-3d %-18s %-12s %-12s %,14d %,14d %,10d%s%n", l.index(), l.type(),
                    l.input(), l.output(), l.macs(), l.flops(), l.params(), l.counted() ? "" : "  (not counted)"));
        }
        sb.append(String.format(Locale.ROOT, "    %-44s %,14d %,14d %,10d%n", "total (forward, per image)",
                forwardMacs(), forwardFlops(), params()));
        return sb.toString();
    }
}
