package io.ferstream.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.common.streams.errors.DeadLetterDeserializationHandler;
import io.ferstream.common.streams.errors.DeadLetterProcessingHandler;
import io.ferstream.common.streams.errors.DeadLetterProductionHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {

  @Test
  void shouldDefaultToTheDocumentedValues() {
    AggregatorConfig c = AggregatorConfig.of(Map.of());
    assertThat(c.applicationId()).isEqualTo("ferstream-aggregator");
    assertThat(c.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(c.exactlyOnce()).isTrue();
    assertThat(c.tumblingSize()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.hoppingSize()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.hoppingAdvance()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.retention()).isEqualTo(Duration.ofHours(1));
    assertThat(c.httpPort()).isEqualTo(8086);
    assertThat(c.applicationServerHost()).isEqualTo("localhost");
    assertThat(c.stateDir()).isEqualTo(".ferstream/aggregator/state");
    assertThat(c.emotionEventsTopic()).isEqualTo("emotion-events");
    assertThat(c.sessionStatsTopic()).isEqualTo("session-emotion-stats");
  }

  @Test
  void shouldRejectInconsistentWindows() {
    assertThatThrownBy(() -> AggregatorConfig.of(Map.of(AggregatorConfig.WINDOW_HOPPING_ADVANCE_MS, 120_000L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining(AggregatorConfig.WINDOW_HOPPING_ADVANCE_MS);
    assertThatThrownBy(() -> AggregatorConfig.of(Map.of(AggregatorConfig.WINDOW_RETENTION_MS, 60_000L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining(AggregatorConfig.WINDOW_RETENTION_MS);
    assertThatThrownBy(() -> AggregatorConfig.of(Map.of(AggregatorConfig.PROCESSING_GUARANTEE, "exactly_once")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> AggregatorConfig.of(Map.of(AggregatorConfig.WINDOW_TUMBLING_SIZE_MS, 0L)))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldPassStreamsKeysThroughAndKeepItsOwnKeysOut() {
    AggregatorConfig c = AggregatorConfig.of(Map.of("num.stream.threads", "3",
        AggregatorConfig.WINDOW_GRACE_MS, "1000", AggregatorConfig.PROCESSING_GUARANTEE, "at_least_once"));
    Properties props = StreamsSettings.from(c, "host-a:9999");
    assertThat(props.get("num.stream.threads")).isEqualTo("3");
    assertThat(props).doesNotContainKey(AggregatorConfig.WINDOW_GRACE_MS);
    assertThat(props.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("host-a:9999");
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
    assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(".ferstream/aggregator/state");
  }

  @Test
  void shouldSetTheDeadLetterHandlersAndTopic() {
    AggregatorConfig c = AggregatorConfig.of(Map.of(AggregatorConfig.TOPIC_EMOTION_EVENTS_DLQ, "rejected"));
    Properties props = StreamsSettings.from(c, "host-a:9999");
    assertThat(c.deadLetterTopic()).isEqualTo("rejected");
    assertThat(AggregatorConfig.of(Map.of()).deadLetterTopic()).isEqualTo("emotion-events-dlq");
    assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("rejected");
    assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterDeserializationHandler.class.getName());
    assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterProcessingHandler.class.getName());
    assertThat(props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterProductionHandler.class.getName());
    assertThat(props).doesNotContainKey(AggregatorConfig.TOPIC_EMOTION_EVENTS_DLQ);
  }

  @Test
  void shouldLetAnExplicitApplicationServerWin() {
    AggregatorConfig c = AggregatorConfig.of(Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, "proxy:80"));
    assertThat(StreamsSettings.from(c, "host-a:9999").get(StreamsConfig.APPLICATION_SERVER_CONFIG))
        .isEqualTo("proxy:80");
  }
}
