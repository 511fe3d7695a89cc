package io.ferstream.trainer.gate;

import io.ferstream.model.eval.McNemar;
import io.ferstream.model.eval.McNemarResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a candidate release replaces the current one. Both conditions must hold:
 * <ol>
 *   <li>not worse on the fixed holdout by more than epsilon: the feedback must not buy a local gain with a loss on
 *       the faces the model was built for;</li>
 *   <li>better on held-back feedback (labels the candidate never trained on), by at least a minimum gain and by the
 *       configured test: a candidate that learned nothing general from the feedback (random or poisoned labels)
 *       passes this only by a fluke, which the significance level and the minimum gain make rare.</li>
 * </ol>
 * A pure function of its inputs, so the rule is tested with hand-computed cases.
 */
public final class PromotionGate {

  private final GateSettings settings;

  public PromotionGate(GateSettings settings) {
    this.settings = settings;
  }

  public GateDecision decide(GateScores holdout, GateScores feedback) {
    List<String> reasons = new ArrayList<>();
    double hCur = holdout.currentAccuracy();
    double hCand = holdout.candidateAccuracy();
    if (holdout.size() == 0) {
      reasons.add("the holdout is empty");
    } else if (hCand < hCur - settings.epsilon() - 1e-12) {
      reasons.add(String.format(Locale.ROOT, "holdout accuracy fell by %.2f pp, more than epsilon %.2f pp",
          100 * (hCur - hCand), 100 * settings.epsilon()));
    }
    double fCur = feedback.currentAccuracy();
    double fCand = feedback.candidateAccuracy();
    double p = Double.NaN;
    if (feedback.size() < settings.minFeedbackExamples()) {
      reasons.add("only " + feedback.size() + " held-back feedback examples, fewer than the "
          + settings.minFeedbackExamples() + " needed to judge");
    } else {
      McNemarResult m = McNemar.test(feedback.truth(), feedback.current(), feedback.candidate());
      p = m.pValue();
      if (!(fCand > fCur)) {
        reasons.add(String.format(Locale.ROOT, "not better on held-back feedback (%.2f%% vs %.2f%%)",
            100 * fCand, 100 * fCur));
      } else if (fCand - fCur < settings.minFeedbackGain() - 1e-12) {
        reasons.add(String.format(Locale.ROOT, "the gain on held-back feedback, %.2f pp, is below the required %.2f pp",
            100 * (fCand - fCur), 100 * settings.minFeedbackGain()));
      } else if (settings.feedbackTest() == GateSettings.FeedbackTest.MCNEMAR && !(p < settings.alpha())) {
        reasons.add(String.format(Locale.ROOT,
            "the gain on held-back feedback is not significant (McNemar p = %.4g, alpha %.3g)", p, settings.alpha()));
      }
    }
    return new GateDecision(reasons.isEmpty(), hCur, hCand, fCur, fCand, feedback.size(), p, reasons);
  }
}
