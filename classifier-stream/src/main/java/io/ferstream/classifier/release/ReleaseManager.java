package io.ferstream.classifier.release;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.inference.EngineLoader;
import io.ferstream.classifier.inference.InferenceEngine;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.common.concurrent.DaemonThreads;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads releases and makes them live. A release is fetched, verified against its SHA-256, loaded and self-checked
 * on a background thread while the current release keeps scoring; only then is it swapped in, between two
 * batches. A release that fails any step is rejected with a log line and the {@code releases_rejected_total}
 * metric; the current release stays. When several releases arrive while one loads, only the newest is loaded next.
 */
public final class ReleaseManager implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReleaseManager.class);

  private final EngineHolder engines;
  private final EngineLoader loader;
  private final BundleFetcher fetcher;
  private final ClassifierMetrics metrics;
  private final AtomicReference<ReleaseCandidate> newest = new AtomicReference<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("release-loader"));

  public ReleaseManager(EngineHolder engines, EngineLoader loader, BundleFetcher fetcher, ClassifierMetrics metrics) {
    this.engines = engines;
    this.loader = loader;
    this.fetcher = fetcher;
    this.metrics = metrics;
  }

  /** Loads {@code candidate} on the calling thread and makes it live (at start, before any batch). */
  public void install(ReleaseCandidate candidate) throws ReleaseRejectedException {
    InferenceEngine engine = load(candidate);
    boolean first = !engines.ready();
    engines.swap(engine);
    if (!first) {
      metrics.releaseSwapped();
    }
    log.info("Release {} is live ({} member(s), engine {}, from {})", engine.releaseId(), engine.ensembleSize(),
        engine.engine(), candidate.origin());
  }

  /**
   * Loads {@code candidate} in the background and swaps it in when it verifies and loads.
   *
   * @return completes with true when it went live, false when it was rejected, skipped as already live, or
   *     superseded by a newer release before its turn
   */
  public CompletableFuture<Boolean> submit(ReleaseCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    newest.set(candidate);
    return CompletableFuture.supplyAsync(() -> {
      if (newest.get() != candidate) {
        log.info("Release {} superseded by {} before loading", candidate.releaseId(), newest.get().releaseId());
        return false;
      }
      if (candidate.releaseId().equals(engines.currentReleaseId())) {
        log.info("Release {} is already live", candidate.releaseId());
        return false;
      }
      try {
        install(candidate);
        return true;
      } catch (ReleaseRejectedException e) {
        reject(candidate, e);
        return false;
      } catch (RuntimeException e) {
        reject(candidate, new ReleaseRejectedException(e.toString(), e));
        return false;
      }
    }, worker);
  }

  /** Records a release that could not be used. */
  public void reject(ReleaseCandidate candidate, ReleaseRejectedException e) {
    metrics.releaseRejected();
    log.error("Rejected release {} (from {}): {}; release {} stays live", candidate.releaseId(), candidate.origin(),
        e.getMessage(), engines.currentReleaseId());
  }

  private InferenceEngine load(ReleaseCandidate candidate) throws ReleaseRejectedException {
    long t0 = System.nanoTime();
    byte[] bundle = fetcher.fetch(candidate);
    ReleaseVerifier.verify(candidate, bundle);
    InferenceEngine engine;
    try {
      engine = loader.load(candidate.releaseId(), bundle);
    } catch (ReleaseRejectedException e) {
      throw e;
    } catch (Exception e) {
      throw new ReleaseRejectedException("cannot load the bundle of release " + candidate.releaseId() + ": " + e, e);
    }
    if (candidate.idAnnounced() && !candidate.releaseId().equals(engine.releaseId())) {
      engine.close();
      throw new ReleaseRejectedException("the bundle is release " + engine.releaseId() + ", the record announced "
          + candidate.releaseId());
    }
    log.info("Loaded release {} ({} bytes, SHA-256 {}) in {} ms", engine.releaseId(), bundle.length,
        candidate.sha256() == null ? "not given" : "verified", (System.nanoTime() - t0) / 1_000_000);
    return engine;
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
