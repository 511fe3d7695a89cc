package io.ferstream.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.streams.errors.DeadLetters;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void shouldExposeEveryClassifierMetricInTextFormat() {
    ClassifierMetrics m = new ClassifierMetrics().bind(() -> "r7", () -> 3);
    m.batchScored(4, 12.5);
    m.batchScored(64, 80);
    for (int i = 0; i < 100; i++) {
      m.eventForwarded(i, 100 + i);
    }
    m.deadLettered(DeadLetters.Stage.DESERIALIZATION);
    m.deadLettered(DeadLetters.Stage.PROCESSING);
    m.releaseRejected();
    m.batchForwarded(true);
    m.batchForwarded(false);
    m.batchForwarded(false);

    String text = PrometheusText.render(m);

    assertThat(text)
        .contains("ferstream_classifier_release_info{release_id=\"r7\"} 1")
        .contains("# TYPE ferstream_classifier_batch_size histogram")
        .contains("ferstream_classifier_batch_size_bucket{le=\"4\"} 1")
        .contains("ferstream_classifier_batch_size_bucket{le=\"64\"} 2")
        .contains("ferstream_classifier_batch_size_bucket{le=\"+Inf\"} 2")
        .contains("ferstream_classifier_batch_size_count 2")
        .contains("ferstream_classifier_end_to_end_latency_ms{quantile=\"0.5\"} 149")
        .contains("ferstream_classifier_end_to_end_latency_ms{quantile=\"0.99\"} 198")
        .contains("ferstream_classifier_queue_delay_ms_count 100")
        .contains("ferstream_classifier_inference_ms_per_batch{quantile=\"0.99\"} 80")
        .contains("ferstream_classifier_dead_letters_total{stage=\"deserialization\"} 1")
        .contains("ferstream_classifier_dead_letters_total{stage=\"processing\"} 1")
        .contains("ferstream_classifier_dead_letters_total{stage=\"production\"} 0")
        .contains("ferstream_classifier_releases_rejected_total 1")
        .contains("ferstream_classifier_forwards_committed_early_total 1")
        .contains("ferstream_classifier_forwards_committed_at_interval_total 2")
        .contains("ferstream_classifier_events_total 100")
        .contains("ferstream_classifier_pending_crops 3");
    assertThat(m.getDeadLettersTotal()).isEqualTo(2);
    assertThat(m.getBatchSizeBuckets()).containsEntry("4", 1L).containsEntry("64", 2L).containsEntry("+Inf", 2L);
  }

  @Test
  void shouldMeasureTheRateOverCompleteSeconds() {
    long[] now = {10_000_000_000L};
    RateMeter meter = new RateMeter(10, () -> now[0]);
    for (int s = 0; s < 10; s++) {
      meter.mark(50);
      now[0] += 1_000_000_000L;
    }
    assertThat(meter.perSecond()).isEqualTo(50.0);
  }
}
