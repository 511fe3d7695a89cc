package io.ferstream.trainer.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class FeedbackSettingsTest {

  @Test
  void shouldRecommendATaskIdleTimeSoThatFeedbackWaitsForALaggingCropPartition() {
    FeedbackSettings settings = new FeedbackSettings(Duration.ofDays(1), 6, Duration.ofMillis(1_500));

    assertThat(settings.recommendedStreamsProperties())
        .containsExactlyEntriesOf(Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "1500"));
    assertThat(FeedbackSettings.of(Duration.ofDays(1), 6).maxTaskIdle())
        .isEqualTo(FeedbackSettings.DEFAULT_MAX_TASK_IDLE);
  }

  @Test
  void shouldRejectSettingsThatCannotWork() {
    assertThatThrownBy(() -> FeedbackSettings.of(Duration.ofSeconds(59), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cropRetention");
    assertThatThrownBy(() -> FeedbackSettings.of(Duration.ofHours(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    assertThatThrownBy(() -> FeedbackSettings.of(Duration.ofHours(1), 10_001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    assertThatThrownBy(() -> new FeedbackSettings(Duration.ofHours(1), 1, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTaskIdle");
    assertThatThrownBy(() -> FeedbackSettings.of(null, 1)).isInstanceOf(NullPointerException.class);
  }
}
