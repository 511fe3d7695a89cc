package io.ferstream.model.eval;

/**
 * One bin of a reliability diagram.
 *
 * @param lower          lower edge (inclusive)
 * @param upper          upper edge (exclusive, except the last bin, which includes 1.0)
 * @param count          examples whose confidence fell into the bin
 * @param meanConfidence mean confidence (top-class probability) in the bin; 0 for an empty bin
 * @param accuracy       fraction of the bin's examples that were classified correctly; 0 for an empty bin
 */
public record ReliabilityBin(double lower, double upper, int count, double meanConfidence, double accuracy) {

    /** |accuracy - meanConfidence|, the bin's calibration gap. */
    public double gap() {
        return Math.abs(accuracy - meanConfidence);
    }
}
