package io.ferstream.common.lifecycle;

import io.ferstream.common.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lifecycle of a long-running service in a command-line program: starts it, installs a
 * shutdown hook (Ctrl-C, SIGTERM), waits, and closes it within a bound so that a stuck close
 * cannot hang the JVM. Returns an exit code instead of calling {@code System.exit}: only the
 * program's {@code main} decides to exit.
 */
public final class ServiceRunner {

  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  /** Something that can be started and closed. */
  public interface Service extends AutoCloseable {
    void start() throws Exception;

    /** A failure the service hit while running (Kafka Streams dying, say), or null while it is healthy. */
    default Throwable failure() {
      return null;
    }
  }

  private final String name;
  private final Duration closeTimeout;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ServiceRunner(String name, Duration closeTimeout) {
    this.name = name;
    this.closeTimeout = closeTimeout;
  }

  /** Asks a running service to stop (as Ctrl-C does). */
  public void requestStop() {
    stopRequested.countDown();
  }

  /**
   * Starts the service, runs {@code onStarted} (to print how to connect, say), blocks until stop is
   * requested or the JVM shuts down, then closes the service. Returns 0, or 1 when start or close failed.
   */
  public int run(Service service, Runnable onStarted) {
    Thread hook = new Thread(() -> {
      requestStop();
      try {
        // Keep the JVM alive until the service has closed, but never longer than the bound.
        stopped.await(closeTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name + "-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    int exitCode = 0;
    try {
      service.start();
      onStarted.run();
      // Wake up now and then to notice a service that failed on its own; a stop request ends the wait at once.
      while (!stopRequested.await(200, TimeUnit.MILLISECONDS)) {
        if (service.failure() != null) {
          log.error("{} failed: {}", name, service.failure().toString());
          exitCode = 1;
          break;
        }
      }
      log.info("Stopping {}", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("{} failed: {}", name, e.getMessage(), e);
      exitCode = 1;
    } finally {
      if (!closeWithin(service)) {
        exitCode = 1;
      }
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting through the hook; nothing to remove.
      }
    }
    return exitCode;
  }

  private boolean closeWithin(AutoCloseable service) {
    ExecutorService closer = Executors.newSingleThreadExecutor(DaemonThreads.named(name + "-closer"));
    try {
      Future<?> closing = closer.submit(() -> {
        service.close();
        return null;
      });
      closing.get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("{} stopped", name);
      return true;
    } catch (TimeoutException e) {
      log.error("{} did not close within {}; giving up on it", name, closeTimeout);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      log.error("{} failed to close: {}", name, e.getMessage(), e);
      return false;
    } finally {
      closer.shutdownNow();
    }
  }
}
