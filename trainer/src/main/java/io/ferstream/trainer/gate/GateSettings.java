package io.ferstream.trainer.gate;

import java.util.Locale;

/**
 * How strict the promotion gate is.
 *
 * @param epsilon the most a candidate may lose on the fixed holdout, as a fraction (0.005 = half a percentage point)
 * @param feedbackTest how "better on held-back feedback" is judged
 * @param alpha significance level of the McNemar test
 * @param minFeedbackExamples fewer held-back feedback examples than this and the gate refuses to judge (rejects):
 *     a handful of labels proves nothing either way
 * @param minFeedbackGain the least gain on held-back feedback worth a release, as a fraction (0.02 = 2 points): a
 *     significance test alone passes a lucky fluke about alpha/2 of the time, round after round
 */
public record GateSettings(double epsilon, FeedbackTest feedbackTest, double alpha, int minFeedbackExamples,
    double minFeedbackGain) {

  /** The test applied to the held-back feedback. */
  public enum FeedbackTest {
    /**
     * The candidate is right more often than the current release and an exact McNemar test on the examples where
     * exactly one of them is right gives p &lt; alpha: better beyond chance.
     */
    MCNEMAR,
    /** The candidate's accuracy is strictly higher; no significance test (for tiny feedback sets, knowingly). */
    ACCURACY;

    public static FeedbackTest parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  public GateSettings {
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1), was " + epsilon);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (minFeedbackExamples < 1) {
      throw new IllegalArgumentException("minFeedbackExamples must be at least 1, was " + minFeedbackExamples);
    }
    if (!(minFeedbackGain >= 0 && minFeedbackGain < 1)) {
      throw new IllegalArgumentException("minFeedbackGain must be in [0, 1), was " + minFeedbackGain);
    }
    if (feedbackTest == null) {
      throw new IllegalArgumentException("feedbackTest is required");
    }
  }
}
