package io.ferstream.aggregator.topology;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running state of one window (or of a whole session): event count, events per predicted class, the sums of
 * the class probabilities, first/last event time, and what is needed to count faces. Stored as JSON by
 * {@link EmotionAccumulatorSerde}; Kafka Streams hands the aggregator a freshly deserialized copy, so mutating it in
 * {@link #add} is safe.
 *
 * <p>Faces: events with a track id are counted by distinct track id (at most {@code maxFaces} remembered, so the
 * state stays bounded); events without one are counted as the largest number of untracked crops seen in one frame
 * (the distinct face indices 0..n-1 of that frame), over the most recent {@link #RECENT_FRAMES} frames' counts.
 * {@code faceCount} is the sum of the two.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class EmotionAccumulator {

  /** How many recent frame numbers keep an untracked-crop count (crops of one frame arrive close together). */
  static final int RECENT_FRAMES = 32;

  private static final int CLASSES = Emotion.values().length;

  @JsonProperty("n") private long count;
  @JsonProperty("c") private final long[] countsByClass;
  @JsonProperty("p") private final double[] probabilitySums;
  @JsonProperty("first") private long firstEventTime = Long.MAX_VALUE;
  @JsonProperty("last") private long lastEventTime = Long.MIN_VALUE;
  @JsonProperty("upd") private long updated;
  @JsonProperty("tracks") private final TreeSet<String> trackIds;
  @JsonProperty("frames") private final TreeMap<Long, Integer> untrackedPerFrame;
  @JsonProperty("untracked") private int maxUntrackedPerFrame;

  public EmotionAccumulator() {
    this(0, new long[CLASSES], new double[CLASSES], Long.MAX_VALUE, Long.MIN_VALUE, 0, new TreeSet<>(),
        new TreeMap<>(), 0);
  }

  @JsonCreator
  EmotionAccumulator(@JsonProperty("n") long count, @JsonProperty("c") long[] countsByClass,
      @JsonProperty("p") double[] probabilitySums, @JsonProperty("first") long firstEventTime,
      @JsonProperty("last") long lastEventTime, @JsonProperty("upd") long updated,
      @JsonProperty("tracks") TreeSet<String> trackIds, @JsonProperty("frames") TreeMap<Long, Integer> frames,
      @JsonProperty("untracked") int maxUntrackedPerFrame) {
    this.count = count;
    this.countsByClass = countsByClass == null ? new long[CLASSES] : Arrays.copyOf(countsByClass, CLASSES);
    this.probabilitySums = probabilitySums == null ? new double[CLASSES] : Arrays.copyOf(probabilitySums, CLASSES);
    this.firstEventTime = firstEventTime;
    this.lastEventTime = lastEventTime;
    this.updated = updated;
    this.trackIds = trackIds == null ? new TreeSet<>() : trackIds;
    this.untrackedPerFrame = frames == null ? new TreeMap<>() : frames;
    this.maxUntrackedPerFrame = maxUntrackedPerFrame;
  }

  /**
   * Counts {@code event} in this window.
   *
   * @param eventTime the event's time (the record timestamp the windows were assigned by)
   * @param now wall-clock time of the update
   * @param maxFaces most track ids to remember
   * @return this
   */
  public EmotionAccumulator add(EmotionEvent event, long eventTime, long now, int maxFaces) {
    count++;
    countsByClass[event.getPredicted().ordinal()]++;
    EmotionProbabilities p = event.getProbabilities();
    probabilitySums[Emotion.ANGRY.ordinal()] += p.getAngry();
    probabilitySums[Emotion.FEAR.ordinal()] += p.getFear();
    probabilitySums[Emotion.HAPPY.ordinal()] += p.getHappy();
    probabilitySums[Emotion.SAD.ordinal()] += p.getSad();
    probabilitySums[Emotion.SURPRISE.ordinal()] += p.getSurprise();
    probabilitySums[Emotion.NEUTRAL.ordinal()] += p.getNeutral();
    firstEventTime = Math.min(firstEventTime, eventTime);
    lastEventTime = Math.max(lastEventTime, eventTime);
    updated = now;
    String track = event.getTrackId();
    if (track != null) {
      if (trackIds.size() < maxFaces) {
        trackIds.add(track);
      }
    } else {
      int inFrame = untrackedPerFrame.merge(event.getFrameNumber(), 1, Integer::sum);
      maxUntrackedPerFrame = Math.max(maxUntrackedPerFrame, inFrame);
      while (untrackedPerFrame.size() > RECENT_FRAMES) {
        untrackedPerFrame.pollFirstEntry();
      }
    }
    return this;
  }

  public long count() {
    return count;
  }

  public long count(Emotion emotion) {
    return countsByClass[emotion.ordinal()];
  }

  /** Mean probability of {@code emotion} over the events counted; 0 when none. */
  public double mean(Emotion emotion) {
    return count == 0 ? 0 : probabilitySums[emotion.ordinal()] / count;
  }

  public int faceCount() {
    return trackIds.size() + maxUntrackedPerFrame;
  }

  /** Earliest event time counted; Long.MAX_VALUE when empty. */
  public long firstEventTime() {
    return firstEventTime;
  }

  /** Latest event time counted; Long.MIN_VALUE when empty. */
  public long lastEventTime() {
    return lastEventTime;
  }

  /** Wall-clock time of the last update. */
  public long updated() {
    return updated;
  }

  /** Events per class, keyed by {@link Emotion} name, every class present. */
  public Map<String, Long> countsByClass() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Emotion e : Emotion.values()) {
      counts.put(e.name(), countsByClass[e.ordinal()]);
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmotionAccumulator a && count == a.count && Arrays.equals(countsByClass, a.countsByClass)
        && Arrays.equals(probabilitySums, a.probabilitySums) && firstEventTime == a.firstEventTime
        && lastEventTime == a.lastEventTime && updated == a.updated && trackIds.equals(a.trackIds)
        && untrackedPerFrame.equals(a.untrackedPerFrame) && maxUntrackedPerFrame == a.maxUntrackedPerFrame;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(countsByClass);
  }

  @Override
  public String toString() {
    return "EmotionAccumulator{n=" + count + ", counts=" + Arrays.toString(countsByClass) + ", faces=" + faceCount()
        + "}";
  }
}
