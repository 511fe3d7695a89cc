package io.ferstream.aggregator.app;

import io.ferstream.aggregator.config.AggregatorConfig;

/**
 * Something that adds to the aggregator's HTTP server (the dashboard, say). {@link AggregateCommand} finds every
 * implementation on the class path with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.ferstream.aggregator.app.AggregatorExtension} file) and calls {@link #install} before
 * the app starts, so modules built on top of the aggregator need no change here.
 */
public interface AggregatorExtension {

  /**
   * Adds handlers with {@link AggregatorApp#addContext}, and registers what it starts with
   * {@link AggregatorApp#closeWith} so that it stops with the app; called before {@link AggregatorApp#start()}.
   */
  void install(AggregatorApp app, AggregatorConfig config);
}
