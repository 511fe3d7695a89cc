package io.ferstream.replay.audit;

import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.McNemarResult;
import java.util.List;
import java.util.Map;

/**
 * What the audit found.
 *
 * @param from, to        the audited time range
 * @param liveEvents      distinct crops scored live in the range
 * @param liveLabelled    of those, crops with ground truth
 * @param releases        live accuracy per release (labelled crops only)
 * @param releaseEvents   events per live release, labelled or not
 * @param sessions        per session
 * @param hours           per hour (UTC), in time order
 * @param shadow          shadow accuracy per shadow release (labelled crops only); empty without shadow events
 * @param shadowEvents    distinct crops scored by a shadow release in the range
 * @param paired          the live/shadow comparison on crops both scored; null without shadow events
 */
public record AuditResult(long from, long to, long liveEvents, long liveLabelled, Map<String, EvaluationResult> releases,
    Map<String, Long> releaseEvents, List<SessionRow> sessions, List<HourRow> hours,
    Map<String, EvaluationResult> shadow, long shadowEvents, Paired paired) {

  /** One session: events, labelled events, correct ones, and the releases that scored it. */
  public record SessionRow(String sessionId, long events, long labelled, long correct, List<String> releases) {
    public double accuracy() {
      return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }
  }

  /**
   * One hour.
   *
   * @param hourStart  the hour's start, epoch ms
   * @param events     live events in the hour
   * @param labelled   labelled live events per release
   * @param correct    correct live events per release
   * @param classMix   live events per predicted class (model order)
   */
  public record HourRow(long hourStart, long events, Map<String, Long> labelled, Map<String, Long> correct,
      long[] classMix) {

    /** Accuracy of all labelled live events of the hour, NaN without any. */
    public double accuracy() {
      long l = labelled.values().stream().mapToLong(Long::longValue).sum();
      long c = correct.values().stream().mapToLong(Long::longValue).sum();
      return l == 0 ? Double.NaN : (double) c / l;
    }
  }

  /**
   * Live against shadow on the crops both scored.
   *
   * @param crops     crops scored by both
   * @param agreement fraction of them with the same predicted class
   * @param labelled  of them, crops with ground truth
   * @param live      live accuracy on the labelled ones (NaN without any)
   * @param shadow    shadow accuracy on the labelled ones
   * @param test      McNemar with A = live, B = shadow on the labelled ones; null without any
   */
  public record Paired(long crops, double agreement, long labelled, double live, double shadow, McNemarResult test) {}
}
