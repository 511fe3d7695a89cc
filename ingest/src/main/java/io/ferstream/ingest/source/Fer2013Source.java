package io.ferstream.ingest.source;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.model.data.Fer2013Data;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * FER2013 as a labelled replay: each row is one crop carrying its label, and consecutive rows form simulated
 * sessions of {@code sessionSize} frames. {@code concurrent} sessions run side by side, like that many cameras:
 * every tick ({@code 1/fps}) each running session shows its next frame, and a session that ends is replaced by
 * the next one. Ids are deterministic ({@code <prefix>-0001}, ...), so a replay of the same file and settings
 * publishes the same crop ids.
 */
public final class Fer2013Source implements Source {

  private final Fer2013Data data;
  private final String prefix;
  private final int sessionSize;
  private final long tickMillis;
  private final long baseEpochMillis;
  private final Map<String, String> metadata;
  private final Slot[] slots;
  private int nextRow;
  private int nextSession;
  private long tick;

  /** One simulated camera: the session it shows and the next frame of it. */
  private static final class Slot {
    String sessionId;
    int row;
    int end;
    long frame;
  }

  public Fer2013Source(Fer2013Data data, String prefix, int sessionSize, int concurrent, double fps,
                       long baseEpochMillis, Map<String, String> metadata) {
    if (sessionSize < 1 || concurrent < 1 || !(fps > 0)) {
      throw new IllegalArgumentException("session size, concurrent sessions and fps must be positive");
    }
    this.data = data;
    this.prefix = prefix;
    this.sessionSize = sessionSize;
    this.tickMillis = Math.max(1, Math.round(1000 / fps));
    this.baseEpochMillis = baseEpochMillis;
    this.metadata = Map.copyOf(metadata);
    this.slots = new Slot[concurrent];
    for (int i = 0; i < concurrent; i++) {
      slots[i] = new Slot();
      startSession(slots[i]);
    }
  }

  private void startSession(Slot slot) {
    if (nextRow >= data.size()) {
      slot.sessionId = null;
      return;
    }
    slot.sessionId = String.format(Locale.ROOT, "%s-%04d", prefix, ++nextSession);
    slot.row = nextRow;
    slot.end = Math.min(data.size(), nextRow + sessionSize);
    slot.frame = 0;
    nextRow = slot.end;
  }

  @Override
  public Step next() {
    List<Crop> crops = new ArrayList<>(slots.length);
    long timestamp = baseEpochMillis + tick * tickMillis;
    for (Slot slot : slots) {
      if (slot.sessionId == null) {
        continue;
      }
      int row = slot.row++;
      crops.add(new Crop(slot.sessionId, slot.frame++, 0, timestamp, null, null, data.image(row),
          Emotions.ofClassIndex(data.label(row)), "fer2013 line " + data.lineNumber(row)));
      if (slot.row >= slot.end) {
        startSession(slot);
      }
    }
    if (crops.isEmpty()) {
      return null;
    }
    tick++;
    return new Step(timestamp, crops.size(), crops);
  }

  /** Sessions started so far. */
  public int sessions() {
    return nextSession;
  }

  @Override
  public OptionalLong expectedFrames() {
    return OptionalLong.of(data.size());
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void close() {
    // In-memory data; nothing to release.
  }
}
