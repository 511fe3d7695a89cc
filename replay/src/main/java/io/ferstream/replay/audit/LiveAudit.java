package io.ferstream.replay.audit;

import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.eval.EvaluationAccumulator;
import io.ferstream.model.eval.EvaluationResult;
import io.ferstream.model.eval.McNemar;
import io.ferstream.replay.evaluate.FeedbackLabels;
import io.ferstream.replay.evaluate.LabelPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Joins what the live stream (and a shadow release) said with the ground truth: the crop's own label carried in the
 * event, or labelled-feedback joined on crop id, under a {@link LabelPolicy}. A crop scored more than once on one
 * topic (a retried batch under at-least-once, a re-ingest) counts once, with its last event. Pure: no I/O.
 */
public final class LiveAudit {

  private static final long HOUR = 3_600_000L;

  private final FeedbackLabels feedback;
  private final LabelPolicy policy;
  private final int calibrationBins;

  public LiveAudit(FeedbackLabels feedback, LabelPolicy policy, int calibrationBins) {
    this.feedback = feedback;
    this.policy = policy;
    this.calibrationBins = calibrationBins;
  }

  /**
   * @param live   events of emotion-events in the range, in read order
   * @param shadow events of emotion-events-shadow in the range (may be empty)
   */
  public AuditResult audit(long from, long to, List<AuditedEvent> live, List<AuditedEvent> shadow) {
    Map<String, AuditedEvent> liveByCrop = lastPerCrop(live);
    Map<String, AuditedEvent> shadowByCrop = lastPerCrop(shadow);

    Map<String, EvaluationAccumulator> perRelease = new TreeMap<>();
    Map<String, Long> releaseEvents = new TreeMap<>();
    Map<String, long[]> sessions = new TreeMap<>();
    Map<String, TreeSet<String>> sessionReleases = new TreeMap<>();
    TreeMap<Long, HourAcc> hours = new TreeMap<>();
    long labelled = 0;
    for (AuditedEvent e : liveByCrop.values()) {
      int label = label(e);
      releaseEvents.merge(e.releaseId(), 1L, Long::sum);
      long[] s = sessions.computeIfAbsent(e.sessionId(), k -> new long[3]);
      sessionReleases.computeIfAbsent(e.sessionId(), k -> new TreeSet<>()).add(e.releaseId());
      HourAcc h = hours.computeIfAbsent(Math.floorDiv(e.timestamp(), HOUR) * HOUR, k -> new HourAcc());
      s[0]++;
      h.events++;
      h.classMix[e.predicted()]++;
      if (label >= 0) {
        labelled++;
        boolean correct = e.predicted() == label;
        s[1]++;
        s[2] += correct ? 1 : 0;
        h.labelled.merge(e.releaseId(), 1L, Long::sum);
        h.correct.merge(e.releaseId(), correct ? 1L : 0L, Long::sum);
        perRelease.computeIfAbsent(e.releaseId(), r -> accumulator(r)).add(label, e.probabilities());
      }
    }
    Map<String, EvaluationResult> releases = results(perRelease);

    List<AuditResult.SessionRow> sessionRows = new ArrayList<>();
    sessions.forEach((id, s) -> sessionRows.add(new AuditResult.SessionRow(id, s[0], s[1], s[2],
        List.copyOf(sessionReleases.get(id)))));
    List<AuditResult.HourRow> hourRows = new ArrayList<>();
    hours.forEach((start, h) -> hourRows.add(new AuditResult.HourRow(start, h.events, h.labelled, h.correct,
        h.classMix)));

    Map<String, EvaluationAccumulator> perShadow = new TreeMap<>();
    for (AuditedEvent e : shadowByCrop.values()) {
      int label = label(e);
      if (label >= 0) {
        perShadow.computeIfAbsent(e.releaseId(), r -> accumulator(r)).add(label, e.probabilities());
      }
    }
    AuditResult.Paired paired = shadowByCrop.isEmpty() ? null : paired(liveByCrop, shadowByCrop);
    return new AuditResult(from, to, liveByCrop.size(), labelled, releases, releaseEvents, sessionRows, hourRows,
        results(perShadow), shadowByCrop.size(), paired);
  }

  private AuditResult.Paired paired(Map<String, AuditedEvent> live, Map<String, AuditedEvent> shadow) {
    long both = 0;
    long agree = 0;
    List<int[]> labelled = new ArrayList<>(); // {truth, live, shadow}
    for (Map.Entry<String, AuditedEvent> e : live.entrySet()) {
      AuditedEvent s = shadow.get(e.getKey());
      if (s == null) {
        continue;
      }
      both++;
      agree += e.getValue().predicted() == s.predicted() ? 1 : 0;
      int label = label(e.getValue());
      if (label >= 0) {
        labelled.add(new int[] {label, e.getValue().predicted(), s.predicted()});
      }
    }
    if (labelled.isEmpty()) {
      return new AuditResult.Paired(both, both == 0 ? Double.NaN : (double) agree / both, 0, Double.NaN, Double.NaN,
          null);
    }
    int n = labelled.size();
    int[] truth = new int[n];
    int[] a = new int[n];
    int[] b = new int[n];
    int ca = 0;
    int cb = 0;
    for (int i = 0; i < n; i++) {
      truth[i] = labelled.get(i)[0];
      a[i] = labelled.get(i)[1];
      b[i] = labelled.get(i)[2];
      ca += a[i] == truth[i] ? 1 : 0;
      cb += b[i] == truth[i] ? 1 : 0;
    }
    return new AuditResult.Paired(both, (double) agree / both, n, (double) ca / n, (double) cb / n,
        McNemar.test(truth, a, b));
  }

  private int label(AuditedEvent e) {
    return policy.choose(e.ownLabel(), feedback.label(e.cropId()));
  }

  private EvaluationAccumulator accumulator(String release) {
    return new EvaluationAccumulator(release, EmotionClasses.NAMES, calibrationBins);
  }

  private static Map<String, EvaluationResult> results(Map<String, EvaluationAccumulator> accs) {
    Map<String, EvaluationResult> out = new LinkedHashMap<>();
    accs.forEach((r, acc) -> out.put(r, acc.result()));
    return out;
  }

  private static Map<String, AuditedEvent> lastPerCrop(Collection<AuditedEvent> events) {
    Map<String, AuditedEvent> out = new LinkedHashMap<>();
    for (AuditedEvent e : events) {
      out.remove(e.cropId());
      out.put(e.cropId(), e);
    }
    return out;
  }

  private static final class HourAcc {
    long events;
    final Map<String, Long> labelled = new TreeMap<>();
    final Map<String, Long> correct = new TreeMap<>();
    final long[] classMix = new long[EmotionClasses.COUNT];
  }
}
