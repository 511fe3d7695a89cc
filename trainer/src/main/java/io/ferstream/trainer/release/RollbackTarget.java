package io.ferstream.trainer.release;

import io.ferstream.schemas.ReleaseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the release a rollback returns to: the one that was live before the current one.
 *
 * <p>The history is replayed as a stack of promotions: PROMOTE pushes a release (unless it is already on top); a
 * ROLLBACK to a release pops back down to it (or pushes it, when compaction has removed its earlier records). The
 * target is the release under the top. So after promoting A, B, C, a first rollback returns to B and a second to A,
 * rather than flipping back to the bad C. When the surviving history does not reach that far (compaction, or a
 * single release), the live release's {@code parentReleaseId} is the target.
 */
public final class RollbackTarget {

  private RollbackTarget() {}

  /** The release id to roll back to, or empty when neither the history nor the live release names one. */
  public static Optional<String> choose(ReleaseHistory history) {
    Optional<ReleaseEntry> live = history.live();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    List<String> stack = new ArrayList<>();
    for (ReleaseEntry e : history.inPublicationOrder()) {
      String id = e.releaseId();
      int at = stack.lastIndexOf(id);
      if (e.action() == ReleaseAction.ROLLBACK && at >= 0) {
        stack.subList(at + 1, stack.size()).clear();
      } else if (stack.isEmpty() || !stack.get(stack.size() - 1).equals(id)) {
        stack.add(id);
      }
    }
    String current = live.get().releaseId();
    for (int i = stack.size() - 2; i >= 0; i--) {
      if (!stack.get(i).equals(current)) {
        return Optional.of(stack.get(i));
      }
    }
    String parent = live.get().parentReleaseId();
    return parent == null || parent.isBlank() || parent.equals(current) ? Optional.empty() : Optional.of(parent);
  }
}
