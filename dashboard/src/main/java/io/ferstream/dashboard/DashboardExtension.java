package io.ferstream.dashboard;

import io.ferstream.aggregator.app.AggregatorApp;
import io.ferstream.aggregator.app.AggregatorExtension;
import io.ferstream.aggregator.config.AggregatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the dashboard on the aggregator's HTTP server wherever the dashboard module is on the class path:
 * {@code ferstream aggregate} finds this class with {@link java.util.ServiceLoader} (see
 * {@code META-INF/services}). The feed starts here and waits for the statistics topic by itself; it closes with
 * the aggregator (after Kafka Streams, before the HTTP server that carries its push streams).
 */
public final class DashboardExtension implements AggregatorExtension {

  private static final Logger log = LoggerFactory.getLogger(DashboardExtension.class);

  @Override
  public void install(AggregatorApp app, AggregatorConfig config) {
    Dashboard dashboard = new Dashboard(new DashboardConfig(config.originals()));
    dashboard.mount(app::addContext);
    dashboard.start();
    app.closeWith(dashboard);
    log.info("Live dashboard at / on the aggregator's HTTP server (push stream {})", Dashboard.STREAM_PATH);
  }
}
