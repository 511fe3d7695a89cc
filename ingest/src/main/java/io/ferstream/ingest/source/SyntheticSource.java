package io.ferstream.ingest.source;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.schemas.Emotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Demo data without any file: {@code sessions} synthetic people side by side, each a session of {@code frames}
 * crops (0: until stopped) at {@code fps}. Each person's expression holds for a few seconds and then changes
 * (a sticky Markov chain), so per-session statistics downstream have something to show; every crop carries the
 * expression it was drawn with as its label. A seed makes the whole run reproducible.
 */
public final class SyntheticSource implements Source {

  /** Mean seconds an expression is held before it changes. */
  static final double MEAN_HOLD_SECONDS = 3.0;

  private final Session[] sessions;
  private final long frames;
  private final long tickMillis;
  private final double switchProbability;
  private final long baseEpochMillis;
  private final Map<String, String> metadata;
  private long tick;

  private static final class Session {
    final String id;
    final SyntheticFaces.Person person;
    final Random random;
    Emotion emotion;

    Session(String id, Random random) {
      this.id = id;
      this.random = random;
      this.person = SyntheticFaces.Person.random(random);
      this.emotion = Emotion.values()[random.nextInt(Emotion.values().length)];
    }
  }

  public SyntheticSource(String prefix, int sessions, long frames, double fps, long seed, long baseEpochMillis,
                         Map<String, String> metadata) {
    if (sessions < 1 || frames < 0 || !(fps > 0)) {
      throw new IllegalArgumentException("sessions >= 1, frames >= 0 (0: endless) and fps > 0");
    }
    this.sessions = new Session[sessions];
    for (int i = 0; i < sessions; i++) {
      // One generator per session: a session's faces do not depend on how many other sessions run.
      this.sessions[i] = new Session(String.format(Locale.ROOT, "%s-%02d", prefix, i + 1),
          new Random(seed * 1_000_003L + i));
    }
    this.frames = frames;
    this.tickMillis = Math.max(1, Math.round(1000 / fps));
    this.switchProbability = Math.min(1, 1 / (MEAN_HOLD_SECONDS * fps));
    this.baseEpochMillis = baseEpochMillis;
    this.metadata = Map.copyOf(metadata);
  }

  @Override
  public Step next() {
    if (frames > 0 && tick >= frames) {
      return null;
    }
    long timestamp = baseEpochMillis + tick * tickMillis;
    List<Crop> crops = new ArrayList<>(sessions.length);
    for (Session s : sessions) {
      if (tick > 0 && s.random.nextDouble() < switchProbability) {
        Emotion next = Emotion.values()[s.random.nextInt(Emotion.values().length - 1)];
        // Skip the current one: a "change" to the same expression is no change.
        s.emotion = next.ordinal() >= s.emotion.ordinal() ? Emotion.values()[next.ordinal() + 1] : next;
      }
      crops.add(new Crop(s.id, tick, 0, timestamp, "t1", null, SyntheticFaces.crop(s.person, s.emotion, s.random),
          s.emotion, null));
    }
    tick++;
    return new Step(timestamp, crops.size(), crops);
  }

  @Override
  public OptionalLong expectedFrames() {
    return frames > 0 ? OptionalLong.of(frames * sessions.length) : OptionalLong.empty();
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void close() {
    // Nothing native held between steps.
  }
}
