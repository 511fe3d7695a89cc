package io.ferstream.ingest.track;

import io.ferstream.ingest.core.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each face a track id that it keeps across frames: a face continues the track whose last box overlaps
 * it most (intersection over union at least {@code minIou}), greedily, best pairs first. A track not seen for
 * more than {@code maxMissed} processed frames ends; its id is never reused. Ids are {@code t1, t2, ...} in
 * order of appearance, so they are deterministic for a given video and settings.
 *
 * <p>IoU matching is enough at the frame rates ingest samples (the face moves less than its own width between
 * frames); it needs no appearance model and costs nothing next to detection.
 */
public final class IouTracker {

  private final double minIou;
  private final int maxMissed;
  private final List<Track> tracks = new ArrayList<>();
  private long nextId = 1;

  public IouTracker(double minIou, int maxMissed) {
    if (minIou <= 0 || minIou > 1 || maxMissed < 0) {
      throw new IllegalArgumentException("minIou in (0,1], maxMissed >= 0");
    }
    this.minIou = minIou;
    this.maxMissed = maxMissed;
  }

  /** Defaults: IoU 0.3, a track survives 5 frames without its face (a blink of the detector). */
  public static IouTracker defaults() {
    return new IouTracker(0.3, 5);
  }

  /** The track id of each face of one frame, in the order of {@code faces}. */
  public List<String> assign(List<FaceBox> faces) {
    String[] ids = new String[faces.size()];
    boolean[] trackTaken = new boolean[tracks.size()];
    // All candidate pairs, best overlap first: greedy matching is optimal enough for a few faces per frame.
    List<double[]> pairs = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      for (int t = 0; t < tracks.size(); t++) {
        double iou = tracks.get(t).last.iou(faces.get(f));
        if (iou >= minIou) {
          pairs.add(new double[] {iou, f, t});
        }
      }
    }
    pairs.sort((a, b) -> Double.compare(b[0], a[0]));
    for (double[] p : pairs) {
      int f = (int) p[1];
      int t = (int) p[2];
      if (ids[f] == null && !trackTaken[t]) {
        ids[f] = tracks.get(t).id;
        trackTaken[t] = true;
        tracks.get(t).seen(faces.get(f));
      }
    }
    for (int t = tracks.size() - 1; t >= 0; t--) {
      if (!trackTaken[t] && ++tracks.get(t).missed > maxMissed) {
        tracks.remove(t);
      }
    }
    for (int f = 0; f < faces.size(); f++) {
      if (ids[f] == null) {
        Track track = new Track("t" + nextId++, faces.get(f));
        tracks.add(track);
        ids[f] = track.id;
      }
    }
    return List.of(ids);
  }

  /** Tracks alive now. */
  public int activeTracks() {
    return tracks.size();
  }

  private static final class Track {
    final String id;
    FaceBox last;
    int missed;

    Track(String id, FaceBox first) {
      this.id = id;
      this.last = first;
    }

    void seen(FaceBox box) {
      last = box;
      missed = 0;
    }
  }
}
