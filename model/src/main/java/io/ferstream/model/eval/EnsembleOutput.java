package io.ferstream.model.eval;

import java.util.List;

/**
 * An ensemble's output for one batch.
 *
 * @param ensemble the combined probabilities, one row per crop
 * @param members  each member's own probabilities, in {@link EnsemblePredictor#memberNames()} order
 */
public record EnsembleOutput(float[][] ensemble, List<float[][]> members) {

    public EnsembleOutput {
        members = List.copyOf(members);
    }
}
