package io.ferstream.classifier.app;

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
 * Runs a {@link ClassifierApp} in a command-line program: starts it, installs a shutdown hook (Ctrl-C, SIGTERM)
 * that triggers the graceful close, waits until a stop is requested or Kafka Streams fails, and closes within a
 * bound. Returns an exit code (0, or 1 when the start, the run or the close failed) instead of exiting: only
 * {@code main} exits.
 */
public final class ClassifierRunner {

  private static final Logger log = LoggerFactory.getLogger(ClassifierRunner.class);

  private final String name;
  private final Duration closeBound;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ClassifierRunner(String name, Duration closeBound) {
    this.name = name;
    this.closeBound = closeBound;
  }

  public void requestStop() {
    stopRequested.countDown();
  }

  public int run(ClassifierApp app, Runnable onStarted) {
    Thread hook = new Thread(() -> {
      requestStop();
      try {
        stopped.await(closeBound.toMillis() + 2_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name + "-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    int exitCode = 0;
    try {
      app.start();
      onStarted.run();
      while (!stopRequested.await(200, TimeUnit.MILLISECONDS)) {
        if (app.runner().failure() != null) {
          log.error("{} failed: {}", name, app.runner().failure().toString());
          exitCode = 1;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("{} failed to start: {}", name, e.toString(), e);
      exitCode = 1;
    } finally {
      if (!closeWithin(app)) {
        exitCode = 1;
      }
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // already exiting through the hook
      }
    }
    return exitCode;
  }

  private boolean closeWithin(ClassifierApp app) {
    ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name + "-closer");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<?> closing = closer.submit(app::close);
      closing.get(closeBound.toMillis(), TimeUnit.MILLISECONDS);
      log.info("{} stopped", name);
      return true;
    } catch (TimeoutException e) {
      log.error("{} did not close within {}", name, closeBound);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      log.error("{} failed to close: {}", name, e.toString(), e);
      return false;
    } finally {
      closer.shutdownNow();
    }
  }
}
