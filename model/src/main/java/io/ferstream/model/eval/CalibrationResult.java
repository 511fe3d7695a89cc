package io.ferstream.model.eval;

import java.util.List;

/**
 * Calibration of a classifier's top-class confidence.
 *
 * @param ece  expected calibration error: sum over bins of (count / N) * |accuracy - meanConfidence|
 * @param mce  maximum calibration error: the largest gap over the non-empty bins
 * @param bins the reliability-diagram bins, equal width over [0, 1]
 */
public record CalibrationResult(double ece, double mce, List<ReliabilityBin> bins) {

    public CalibrationResult {
        bins = List.copyOf(bins);
    }
}
