package io.ferstream.model.eval;

import java.util.List;

/**
 * A predictor made of members whose own outputs can be observed, so that each member can be scored alone next to
 * the ensemble.
 */
public interface EnsemblePredictor extends Predictor {

    /** The members' names (e.g. architecture + seed), in output order. */
    List<String> memberNames();

    /** The ensemble's and every member's probabilities for one batch. */
    EnsembleOutput predictWithMembers(byte[][] crops);

    @Override
    default float[][] predict(byte[][] crops) {
        return predictWithMembers(crops).ensemble();
    }
}
