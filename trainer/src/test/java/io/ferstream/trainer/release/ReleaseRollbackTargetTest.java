package io.ferstream.trainer.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.schemas.ReleaseAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseRollbackTargetTest {

  private final List<ReleaseEntry> entries = new ArrayList<>();

  private ReleaseRollbackTargetTest record(String id, ReleaseAction action, String parent) {
    long offset = entries.size();
    entries.add(new ReleaseEntry(id, action, parent, "tinyx1", Map.of(), Instant.EPOCH,
        Instant.ofEpochSecond(1_000 + offset), 0, offset, "live", ArtifactTransport.INLINE, null, 1, "ab"));
    return this;
  }

  private ReleaseHistory history() {
    return new ReleaseHistory("model-releases", entries, 0);
  }

  @Test
  void shouldReturnToTheReleasePromotedBeforeTheLiveOne() {
    record("a", ReleaseAction.PROMOTE, null).record("b", ReleaseAction.PROMOTE, "a");

    assertThat(history().live()).hasValueSatisfying(e -> assertThat(e.releaseId()).isEqualTo("b"));
    assertThat(RollbackTarget.choose(history())).contains("a");
  }

  @Test
  void shouldStepFurtherBackOnASecondRollbackInsteadOfFlippingBack() {
    record("a", ReleaseAction.PROMOTE, null).record("b", ReleaseAction.PROMOTE, "a")
        .record("c", ReleaseAction.PROMOTE, "b").record("b", ReleaseAction.ROLLBACK, "a");

    assertThat(RollbackTarget.choose(history())).contains("a");
  }

  @Test
  void shouldFallBackToTheParentWhenCompactionLeftOnlyTheLiveRecord() {
    record("b", ReleaseAction.PROMOTE, "a");

    assertThat(RollbackTarget.choose(history())).contains("a");
  }

  @Test
  void shouldFindNothingWhenTheHistoryAndTheParentNameNoOtherRelease() {
    assertThat(RollbackTarget.choose(history())).isEmpty();
    record("a", ReleaseAction.PROMOTE, null);
    assertThat(RollbackTarget.choose(history())).isEmpty();
    record("a", ReleaseAction.PROMOTE, null);
    assertThat(RollbackTarget.choose(history())).isEmpty();
  }

  @Test
  void shouldTakeTheLastPublishedRecordAsLiveEvenWhenItsReleaseIsOlder() {
    record("a", ReleaseAction.PROMOTE, null).record("b", ReleaseAction.PROMOTE, "a")
        .record("a", ReleaseAction.ROLLBACK, null);

    assertThat(history().live()).hasValueSatisfying(e -> {
      assertThat(e.releaseId()).isEqualTo("a");
      assertThat(e.action()).isEqualTo(ReleaseAction.ROLLBACK);
    });
    assertThat(history().latest("b")).hasValueSatisfying(e -> assertThat(e.offset()).isEqualTo(1));
  }
}
