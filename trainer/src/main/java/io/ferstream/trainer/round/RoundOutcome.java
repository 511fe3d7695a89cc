package io.ferstream.trainer.round;

import io.ferstream.trainer.gate.GateDecision;
import java.nio.file.Path;

/**
 * What a round did.
 *
 * @param status TRAINED_AND_JUDGED (see decision), or SKIPPED (too little feedback; see skipReason)
 * @param candidateBundle the candidate's bundle file (kept in the round directory either way), null when skipped
 * @param decision the gate's verdict, null when skipped
 */
public record RoundOutcome(int round, Status status, String parentReleaseId, String candidateReleaseId,
    Path candidateBundle, GateDecision decision, int feedbackTrain, int feedbackHeldBack, int baseReplay,
    double trainSeconds, double gateSeconds, Path reportDir, String skipReason) {

  public enum Status { TRAINED_AND_JUDGED, SKIPPED }

  public boolean promoted() {
    return decision != null && decision.promote();
  }

  /** The same outcome with the gate's promotion withdrawn for {@code reason} (the live release moved on, say). */
  public RoundOutcome withoutPromotion(String reason) {
    java.util.List<String> reasons = new java.util.ArrayList<>(decision.reasons());
    reasons.add(reason);
    GateDecision d = new GateDecision(false, decision.holdoutCurrent(), decision.holdoutCandidate(),
        decision.feedbackCurrent(), decision.feedbackCandidate(), decision.feedbackExamples(),
        decision.feedbackPValue(), reasons);
    return new RoundOutcome(round, status, parentReleaseId, candidateReleaseId, candidateBundle, d, feedbackTrain,
        feedbackHeldBack, baseReplay, trainSeconds, gateSeconds, reportDir, skipReason);
  }
}
