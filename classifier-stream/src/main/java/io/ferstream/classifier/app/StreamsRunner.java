package io.ferstream.classifier.app;

import io.ferstream.classifier.topology.CoordinatorRegistry;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one {@link KafkaStreams}: state listener, uncaught-exception policy (replace a dying stream thread a
 * bounded number of times, then shut the client down), a graceful close that first drains the pending micro-batch,
 * and a bound on the close. It never exits the JVM: {@link #awaitTermination()} tells its owner why it stopped.
 */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

  private final KafkaStreams streams;
  private final CoordinatorRegistry coordinators;
  private final Duration drainTimeout;
  private final Duration closeTimeout;
  private final int maxReplacements;
  private final AtomicInteger replacements = new AtomicInteger();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;

  public StreamsRunner(Topology topology, Properties props, CoordinatorRegistry coordinators, Duration drainTimeout,
      Duration closeTimeout, int maxReplacements) {
    this.streams = new KafkaStreams(topology, props);
    this.coordinators = coordinators;
    this.drainTimeout = drainTimeout;
    this.closeTimeout = closeTimeout;
    this.maxReplacements = maxReplacements;
  }

  public void start() {
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams {} -> {}", before, now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
          || (now == KafkaStreams.State.NOT_RUNNING && !closing)) {
        stopped.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      int n = replacements.incrementAndGet();
      if (n <= maxReplacements) {
        log.error("Stream thread died ({} of {} replacements): {}; replacing it. Its pending crops are in the "
            + "logged store and are scored again.", n, maxReplacements, e.toString(), e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      fatal.compareAndSet(null, e);
      log.error("Stream thread died after {} replacements; shutting the classifier down: {}", maxReplacements,
          e.toString(), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The client's own metrics (Kafka Streams, consumer, producer). */
  public KafkaStreams streams() {
    return streams;
  }

  /** Blocks until Kafka Streams stops by itself (a fatal error); false if it did not within {@code timeout}. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The error that stopped the application, if one did. */
  public Throwable failure() {
    Throwable t = fatal.get();
    if (t == null && streams.state() == KafkaStreams.State.ERROR) {
      return new IllegalStateException("Kafka Streams is in state ERROR");
    }
    return t;
  }

  /**
   * Drains, then closes within the close timeout: every punctuation and every record now scores whatever is
   * waiting, until no crop is pending or the drain timeout passes. What is still pending then stays in the logged
   * store (committed by the close) and is scored after the next start.
   *
   * @return true when Kafka Streams closed within the timeout
   */
  public boolean shutdown() {
    closing = true;
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
      drain();
    }
    boolean closed = streams.close(CloseOptions.timeout(closeTimeout));
    long left = coordinators.pendingCrops();
    if (!closed) {
      log.error("Kafka Streams did not close within {}", closeTimeout);
    } else if (left > 0) {
      log.info("Closed with {} crop(s) pending; they are in the changelog and are scored after the restart", left);
    }
    stopped.countDown();
    return closed;
  }

  private void drain() {
    coordinators.startDraining();
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    long pending = coordinators.pendingCrops();
    log.info("Draining: scoring and forwarding {} pending crop(s)", pending);
    while (pending > 0 && System.nanoTime() < deadline && streams.state() == KafkaStreams.State.RUNNING) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending = coordinators.pendingCrops();
    }
    log.info("Drained: {} crop(s) still pending", pending);
  }

  @Override
  public void close() {
    shutdown();
  }
}
