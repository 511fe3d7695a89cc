package io.ferstream.cli;

import io.ferstream.common.lifecycle.ServiceRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services started one after the other and closed in the reverse order (the source before the classifier before
 * Kafka), as one service for {@link ServiceRunner}. A service is built only when its turn comes, so it can read
 * what the ones before it bound (the stack's ports). If one fails to start, those already started are closed.
 */
final class DemoPipeline implements ServiceRunner.Service {

  private static final Logger log = LoggerFactory.getLogger(DemoPipeline.class);

  /** One step: a name for the log and how to build its service. */
  record Step(String name, Supplier<? extends ServiceRunner.Service> service) {}

  private final List<Step> steps;
  private final Deque<Started> started = new ArrayDeque<>();

  private record Started(String name, ServiceRunner.Service service) {}

  DemoPipeline(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  @Override
  public void start() throws Exception {
    for (Step step : steps) {
      long t0 = System.nanoTime();
      ServiceRunner.Service service = step.service().get();
      // Registered before start(): a service that half-started is still closed.
      started.push(new Started(step.name(), service));
      service.start();
      log.info("Demo: {} started in {} ms", step.name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Override
  public Throwable failure() {
    for (Started s : started) {
      Throwable t = s.service().failure();
      if (t != null) {
        return new IllegalStateException(s.name() + " failed: " + t, t);
      }
    }
    return null;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      Started s = started.pop();
      try {
        s.service().close();
        log.info("Demo: {} stopped", s.name());
      } catch (Exception e) {
        log.error("Demo: {} failed to close: {}", s.name(), e.toString());
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
