package io.ferstream.trainer.gate;

/**
 * What the gate compares: the predictions of the current release and of the candidate on the same examples.
 *
 * @param truth true class per example
 * @param current the current release's predicted class per example
 * @param candidate the candidate's predicted class per example
 */
public record GateScores(int[] truth, int[] current, int[] candidate) {

  public GateScores {
    if (truth.length != current.length || truth.length != candidate.length) {
      throw new IllegalArgumentException("truth, current and candidate must have one entry per example: "
          + truth.length + ", " + current.length + ", " + candidate.length);
    }
  }

  public int size() {
    return truth.length;
  }

  public double currentAccuracy() {
    return accuracy(current);
  }

  public double candidateAccuracy() {
    return accuracy(candidate);
  }

  private double accuracy(int[] predicted) {
    if (truth.length == 0) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] == truth[i]) {
        right++;
      }
    }
    return (double) right / truth.length;
  }
}
