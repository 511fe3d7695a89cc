package io.ferstream.ingest.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one ingest run, written by the source (frames, faces, problems), the runner and the
 * producer's delivery callbacks (another thread), read by the progress bar and the summary.
 */
public final class IngestStats {

  private static final Logger log = LoggerFactory.getLogger(IngestStats.class);

  /** Per kind, the first few problems are logged with their detail; the rest only counted. */
  static final int LOGGED_PER_KIND = 3;

  private final LongAdder framesDecoded = new LongAdder();
  private final LongAdder framesProcessed = new LongAdder();
  private final LongAdder framesWithoutFaces = new LongAdder();
  private final LongAdder facesDetected = new LongAdder();
  private final LongAdder cropsSent = new LongAdder();
  private final LongAdder cropsAcked = new LongAdder();
  private final LongAdder deliveryFailures = new LongAdder();
  private final AtomicReference<String> firstDeliveryError = new AtomicReference<>();
  private final Map<Problem, AtomicLong> problems = Collections.synchronizedMap(new EnumMap<>(Problem.class));
  private final List<String> examples = Collections.synchronizedList(new ArrayList<>());

  public void frameDecoded() {
    framesDecoded.increment();
  }

  /** A frame went through detection; {@code faces} were found in it. */
  public void frameProcessed(int faces) {
    framesProcessed.increment();
    facesDetected.add(faces);
    if (faces == 0) {
      framesWithoutFaces.increment();
    }
  }

  public void cropSent() {
    cropsSent.increment();
  }

  public void cropAcked() {
    cropsAcked.increment();
  }

  public void deliveryFailed(String error) {
    deliveryFailures.increment();
    firstDeliveryError.compareAndSet(null, error);
  }

  /** Counts a problem; the first few of each kind are logged with {@code detail}. */
  public void problem(Problem kind, String detail) {
    problems(kind, 1, detail);
  }

  /** Counts {@code count} problems of one kind at once, logged (if among the first) as one. */
  public void problems(Problem kind, long count, String detail) {
    if (count <= 0) {
      return;
    }
    long n = problems.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(count) - count + 1;
    if (n <= LOGGED_PER_KIND) {
      String line = kind.name().toLowerCase().replace('_', ' ') + ": " + detail;
      examples.add(line);
      log.warn("{}{}", line, n == LOGGED_PER_KIND ? " (further ones only counted)" : "");
    }
  }

  public long framesDecoded() {
    return framesDecoded.sum();
  }

  public long framesProcessed() {
    return framesProcessed.sum();
  }

  public long framesWithoutFaces() {
    return framesWithoutFaces.sum();
  }

  public long facesDetected() {
    return facesDetected.sum();
  }

  public long cropsSent() {
    return cropsSent.sum();
  }

  public long cropsAcked() {
    return cropsAcked.sum();
  }

  public long deliveryFailures() {
    return deliveryFailures.sum();
  }

  /** The first delivery error's message, or null. */
  public String firstDeliveryError() {
    return firstDeliveryError.get();
  }

  public long problems(Problem kind) {
    AtomicLong n = problems.get(kind);
    return n == null ? 0 : n.get();
  }

  /** Every problem kind seen, with its count, in declaration order. */
  public Map<Problem, Long> problems() {
    Map<Problem, Long> copy = new EnumMap<>(Problem.class);
    synchronized (problems) {
      problems.forEach((k, v) -> copy.put(k, v.get()));
    }
    return copy;
  }

  /** The logged problem details (the first few of each kind). */
  public List<String> problemExamples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }
}
