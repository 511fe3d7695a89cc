package io.ferstream.trainer.round;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names candidate releases {@code <lineage>-fb<round>-<yyyyMMdd-HHmmss>}: the lineage is the first ancestor's id, so
 * ids stay short over many rounds while still saying where a model came from (the manifest's parentReleaseId has the
 * exact parent).
 */
public final class ReleaseIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ReleaseIds() {}

  public static String candidate(String parentId, int round, Instant at) {
    String lineage = parentId.replaceFirst("-fb\\d+-\\d{8}-\\d{6}$", "");
    return lineage + "-fb" + round + "-" + STAMP.format(at);
  }
}
