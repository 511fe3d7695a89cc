package io.ferstream.aggregator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.aggregator.config.AggregatorConfig;
import io.ferstream.aggregator.topology.AggregatorSerdes;
import io.ferstream.aggregator.topology.EmotionAccumulatorSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class AggregatorAppTest {

  private static AggregatorApp app() {
    return new AggregatorApp(AggregatorConfig.of(Map.of()),
        new AggregatorSerdes(Serdes.String(), null, null, new EmotionAccumulatorSerde()));
  }

  @Test
  void shouldReserveApiForTheRestApi() {
    assertThatThrownBy(() -> app().addContext("/api", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> app().addContext("/api/dashboard", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseThePortBeforeStart() {
    AggregatorApp app = app();
    app.addContext("/dashboard", exchange -> { });
    assertThatThrownBy(app::httpPort).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(app::httpUri).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCloseWhatExtensionsRegisteredInReverseOrderEvenWhenOneFails() {
    AggregatorApp app = app();
    List<String> closed = new ArrayList<>();
    app.closeWith(() -> closed.add("first"));
    app.closeWith(() -> {
      closed.add("second");
      throw new IllegalStateException("boom");
    });
    app.closeWith(() -> closed.add("third"));

    app.close();
    app.close();

    assertThat(closed).containsExactly("third", "second", "first");
  }
}
