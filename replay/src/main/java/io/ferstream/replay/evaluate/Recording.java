package io.ferstream.replay.evaluate;

import java.util.List;

/**
 * The labelled crops of a replayed range, in {@link RecordedCrop#SCORING_ORDER}, and what was left out.
 *
 * @param crops          the crops to score
 * @param recordsRead    records read from the range
 * @param unlabelled     crops without ground truth under the label policy (not scored)
 * @param invalid        records that were not 48x48 FaceCrops (undecodable, tombstones, wrong size)
 * @param duplicates     repeated crop ids (the first one is kept)
 * @param fromFeedback   scored crops whose label came from labelled-feedback
 * @param labelConflicts crops whose own label and feedback label differ (the policy chose one)
 * @param readSeconds    time spent reading the range and the feedback
 */
public record Recording(List<RecordedCrop> crops, long recordsRead, long unlabelled, long invalid, long duplicates,
    long fromFeedback, long labelConflicts, double readSeconds) {

  public Recording {
    crops = List.copyOf(crops);
  }

  public int size() {
    return crops.size();
  }
}
