package io.ferstream.replay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.model.eval.McNemar;
import io.ferstream.replay.evaluate.FeedbackLabels;
import io.ferstream.replay.evaluate.LabelPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveAuditTest {

  private static final long T0 = 1_795_960_800_000L; // 2026-11-29T14:00:00Z, an hour boundary
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  private static AuditedEvent event(String crop, String session, String release, int predicted, long t, int label) {
    float[] p = {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
    p[predicted] = 0.5f;
    return new AuditedEvent(crop, session, release, predicted, p, t, label);
  }

  @Test
  void shouldReportAccuracyPerReleaseSessionAndHourAndCompareTheShadow() throws Exception {
    List<AuditedEvent> live = new ArrayList<>();
    // Hour 0, release r1, session s1: 4 crops labelled in the event, 3 right.
    live.add(event("c1", "s1", "r1", 2, T0 + 1, 2));
    live.add(event("c2", "s1", "r1", 2, T0 + 2, 2));
    live.add(event("c3", "s1", "r1", 0, T0 + 3, 0));
    live.add(event("c4", "s1", "r1", 5, T0 + 4, 3));
    // Hour 1, release r2, session s2: c5 labelled by feedback only (right), c6 unlabelled, c7 wrong.
    live.add(event("c5", "s2", "r2", 4, T0 + HOUR + 5, -1));
    live.add(event("c6", "s2", "r2", 4, T0 + HOUR + 6, -1));
    live.add(event("c7", "s2", "r2", 1, T0 + HOUR + 7, 3));
    // A retried event for c4 (at-least-once): counted once, the last one.
    live.add(event("c4", "s1", "r1", 3, T0 + 8, 3));
    FeedbackLabels feedback = FeedbackLabels.of(Map.of("c5", 4, "c3", 1)); // feedback overrides c3's label: now wrong

    List<AuditedEvent> shadow = List.of(
        event("c1", "s1", "cand", 2, T0 + 1, 2), event("c2", "s1", "cand", 1, T0 + 2, 2),
        event("c3", "s1", "cand", 1, T0 + 3, 0), event("c6", "s2", "cand", 4, T0 + HOUR + 6, -1));

    AuditResult r = new LiveAudit(feedback, LabelPolicy.AUTO, 10).audit(T0, T0 + 2 * HOUR, live, shadow);

    assertThat(r.liveEvents()).isEqualTo(7);
    assertThat(r.liveLabelled()).isEqualTo(6);
    // r1: c1 right, c2 right, c3 wrong (feedback 1), c4 right (retry) -> 3/4; r2: c5 right, c7 wrong -> 1/2
    assertThat(r.releases().get("r1").accuracy()).isEqualTo(0.75);
    assertThat(r.releases().get("r1").examples()).isEqualTo(4);
    assertThat(r.releases().get("r2").accuracy()).isEqualTo(0.5);
    assertThat(r.releaseEvents()).containsEntry("r1", 4L).containsEntry("r2", 3L);
    assertThat(r.sessions()).extracting(AuditResult.SessionRow::sessionId).containsExactly("s1", "s2");
    assertThat(r.sessions().get(1).labelled()).isEqualTo(2);
    assertThat(r.sessions().get(1).accuracy()).isEqualTo(0.5);
    assertThat(r.hours()).hasSize(2);
    assertThat(r.hours().get(0).hourStart()).isEqualTo(T0);
    assertThat(r.hours().get(0).accuracy()).isEqualTo(0.75);
    assertThat(r.hours().get(1).classMix()).containsExactly(0, 1, 0, 0, 2, 0);

    // Shadow "cand": c1 right, c2 wrong, c3 right under feedback (1); c6 unlabelled.
    assertThat(r.shadowEvents()).isEqualTo(4);
    assertThat(r.shadow().get("cand").accuracy()).isEqualTo(2 / 3.0);
    AuditResult.Paired p = r.paired();
    assertThat(p.crops()).isEqualTo(4);
    assertThat(p.agreement()).isEqualTo(2 / 4.0); // c1 and c6 agree
    assertThat(p.labelled()).isEqualTo(3);
    assertThat(p.test().onlyACorrect()).isEqualTo(1); // c2: live right only
    assertThat(p.test().onlyBCorrect()).isEqualTo(1); // c3: shadow right only
    assertThat(p.test().pValue()).isEqualTo(McNemar.test(1, 1).pValue());

    List<Path> files = AuditReport.write(dir, r, Map.of("topic", "emotion-events"));
    assertThat(files).allMatch(Files::isRegularFile);
    assertThat(dir.resolve(AuditReport.ACCURACY_PNG)).isRegularFile();
    assertThat(dir.resolve(AuditReport.CLASS_MIX_PNG)).isRegularFile();
    assertThat(Files.readString(dir.resolve(AuditReport.MARKDOWN))).contains("| r1 | 4 | 4 | 75.00% |")
        .contains("McNemar p-value = 1.0000");
    assertThat(Files.readString(dir.resolve(AuditReport.HTML))).contains("<img src=\"accuracy_per_hour.png\"");
    assertThat(AuditReport.console(r)).contains("2026-11-29T14:00").contains("75.00%");
  }

  @Test
  void shouldUseOnlyTheChosenLabelSource() {
    List<AuditedEvent> live = List.of(event("c1", "s", "r", 2, T0, 2), event("c2", "s", "r", 2, T0, -1));
    FeedbackLabels feedback = FeedbackLabels.of(Map.of("c2", 2));
    assertThat(new LiveAudit(feedback, LabelPolicy.CROP, 10).audit(T0, T0, live, List.of()).liveLabelled())
        .isEqualTo(1);
    assertThat(new LiveAudit(feedback, LabelPolicy.FEEDBACK, 10).audit(T0, T0, live, List.of()).liveLabelled())
        .isEqualTo(1);
    assertThat(new LiveAudit(feedback, LabelPolicy.AUTO, 10).audit(T0, T0, live, List.of()).liveLabelled())
        .isEqualTo(2);
  }
}
