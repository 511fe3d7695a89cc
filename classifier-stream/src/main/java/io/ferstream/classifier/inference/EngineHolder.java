package io.ferstream.classifier.inference;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live release. Batches {@link #acquire()} the current engine, score with it and {@link Lease#close() release}
 * it; {@link #swap} installs a new engine between batches: batches already running finish on the old one, which is
 * closed when the last of them releases it.
 */
public final class EngineHolder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineHolder.class);

  private final AtomicReference<Counted> current = new AtomicReference<>();

  /** A use of one engine for one batch. */
  public interface Lease extends AutoCloseable {
    InferenceEngine engine();

    @Override
    void close();
  }

  public EngineHolder() {}

  public EngineHolder(InferenceEngine initial) {
    swap(initial);
  }

  /** True once an engine is installed. */
  public boolean ready() {
    return current.get() != null;
  }

  /** Id of the live release, or null before the first one is installed. */
  public String currentReleaseId() {
    Counted c = current.get();
    return c == null ? null : c.engine.releaseId();
  }

  /** Engine of the live release ({@link InferenceEngine#engine()}), or null before the first one is installed. */
  public String currentEngine() {
    Counted c = current.get();
    return c == null ? null : c.engine.engine();
  }

  /** Installs {@code engine} as the live release; the previous one is closed once no batch uses it. */
  public void swap(InferenceEngine engine) {
    Objects.requireNonNull(engine, "engine");
    Counted previous = current.getAndSet(new Counted(engine));
    if (previous != null) {
      log.info("Release {} replaces {}", engine.releaseId(), previous.engine.releaseId());
      previous.retire();
    }
  }

  /**
   * The live engine, held until the lease is closed.
   *
   * @throws IllegalStateException when no release is installed yet
   */
  public Lease acquire() {
    while (true) {
      Counted c = current.get();
      if (c == null) {
        throw new IllegalStateException("no model release loaded yet");
      }
      if (c.tryUse()) {
        return c;
      }
      // c was retired between get() and tryUse(): the new one is installed already, retry.
    }
  }

  @Override
  public void close() {
    Counted c = current.getAndSet(null);
    if (c != null) {
      c.retire();
    }
  }

  /** An engine and its users: the holder's own reference plus one per running batch; 0 means closed. */
  private static final class Counted implements Lease {
    private final InferenceEngine engine;
    private final AtomicInteger users = new AtomicInteger(1);

    Counted(InferenceEngine engine) {
      this.engine = engine;
    }

    boolean tryUse() {
      while (true) {
        int n = users.get();
        if (n <= 0) {
          return false;
        }
        if (users.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    @Override
    public InferenceEngine engine() {
      return engine;
    }

    @Override
    public void close() {
      if (users.decrementAndGet() == 0) {
        closeEngine();
      }
    }

    void retire() {
      close(); // drop the holder's reference
    }

    private void closeEngine() {
      try {
        engine.close();
        log.info("Closed release {}", engine.releaseId());
      } catch (RuntimeException e) {
        log.warn("Closing release {} failed: {}", engine.releaseId(), e.toString());
      }
    }
  }
}
