package io.ferstream.model.eval;

/**
 * One ensemble member scored alone on the same examples as the ensemble.
 *
 * @param result     the member's own evaluation
 * @param vsEnsemble McNemar's test with A = this member and B = the ensemble (b = only the member right,
 *                   c = only the ensemble right)
 */
public record MemberComparison(EvaluationResult result, McNemarResult vsEnsemble) {

    /** The member's name. */
    public String name() {
        return result.name();
    }

    /** Ensemble accuracy minus member accuracy, the ensemble's gain. */
    public double ensembleGain(EvaluationResult ensemble) {
        return ensemble.accuracy() - result.accuracy();
    }
}
