package io.ferstream.trainer.release;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What model-releases holds, read once from its beginning to its end: every surviving record in topic order.
 *
 * <p>The topic is compacted on the channel key, so this is not the full story: once the log cleaner has run, only
 * the last record of each channel (plus whatever is still in the active segment) remains. Older releases then live
 * on only in the {@link ReleaseStore}, and in the {@code parentReleaseId} of later ones.
 *
 * @param topic the topic read
 * @param entries the decoded records, by partition then offset
 * @param skipped tombstones and records that were not decodable ModelReleases (the classifier ignores them too)
 */
public record ReleaseHistory(String topic, List<ReleaseEntry> entries, int skipped) {

  /** Orders records the way classifiers decide what is live: by record timestamp, the later record on a tie. */
  static final Comparator<ReleaseEntry> PUBLICATION_ORDER = Comparator
      .comparing(ReleaseEntry::recordTimestamp).thenComparingInt(ReleaseEntry::partition)
      .thenComparingLong(ReleaseEntry::offset);

  public ReleaseHistory {
    entries = List.copyOf(entries);
  }

  /**
   * The live release: the record published last, whatever its key or action, as the classifier's release follower
   * decides (on a single-partition topic with ordered clocks, simply the last record). A ROLLBACK record that
   * re-publishes an older release is therefore live, although its release was built earlier.
   */
  public Optional<ReleaseEntry> live() {
    return entries.stream().max(PUBLICATION_ORDER);
  }

  /** The entries in the order they became live (see {@link #live()}). */
  public List<ReleaseEntry> inPublicationOrder() {
    return entries.stream().sorted(PUBLICATION_ORDER).toList();
  }

  /** The last surviving record of {@code releaseId}, if any. */
  public Optional<ReleaseEntry> latest(String releaseId) {
    return entries.stream().filter(e -> e.releaseId().equals(releaseId)).max(PUBLICATION_ORDER);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
