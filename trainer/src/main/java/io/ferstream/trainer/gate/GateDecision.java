package io.ferstream.trainer.gate;

import java.util.List;

/**
 * The gate's verdict on a candidate, with the numbers it was based on and every reason for a rejection.
 *
 * @param promote true when the candidate may replace the current release
 * @param holdoutCurrent current release's accuracy on the fixed holdout
 * @param holdoutCandidate candidate's accuracy on the fixed holdout
 * @param feedbackCurrent current release's accuracy on held-back feedback
 * @param feedbackCandidate candidate's accuracy on held-back feedback
 * @param feedbackExamples held-back feedback examples judged
 * @param feedbackPValue McNemar p-value on held-back feedback (NaN when not computed)
 * @param reasons why it was rejected (empty when promoted)
 */
public record GateDecision(boolean promote, double holdoutCurrent, double holdoutCandidate, double feedbackCurrent,
    double feedbackCandidate, int feedbackExamples, double feedbackPValue, List<String> reasons) {

  public GateDecision {
    reasons = List.copyOf(reasons);
  }

  /** Candidate minus current on the holdout, in percentage points. */
  public double holdoutChangePoints() {
    return 100 * (holdoutCandidate - holdoutCurrent);
  }

  /** Candidate minus current on held-back feedback, in percentage points. */
  public double feedbackChangePoints() {
    return 100 * (feedbackCandidate - feedbackCurrent);
  }

  /** One line for logs. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%s: holdout %.2f%% -> %.2f%% (%+.2f pp), held-back feedback %.2f%% -> %.2f%% (%+.2f pp, n=%d, p=%.4g)%s",
        promote ? "PROMOTE" : "REJECT", 100 * holdoutCurrent, 100 * holdoutCandidate, holdoutChangePoints(),
        100 * feedbackCurrent, 100 * feedbackCandidate, feedbackChangePoints(), feedbackExamples, feedbackPValue,
        reasons.isEmpty() ? "" : " - " + String.join("; ", reasons));
  }
}
