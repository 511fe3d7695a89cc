package io.ferstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.aggregator.app.AggregatorExtension;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DashboardExtensionTest {

  @Test
  void shouldBeFoundByTheAggregatorsServiceLoader() {
    // `ferstream aggregate` installs every AggregatorExtension it finds: the dashboard must be one of them.
    assertThat(ServiceLoader.load(AggregatorExtension.class).stream().map(ServiceLoader.Provider::type))
        .contains(DashboardExtension.class);
  }
}
