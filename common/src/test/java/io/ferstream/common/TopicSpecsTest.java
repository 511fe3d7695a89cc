package io.ferstream.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.TopicSpecs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecsTest {

  @Test
  void shouldBuildEveryTopicFromConfiguration() {
    TopicSpecs topics = TopicSpecs.from(new FerStreamConfig(Map.of(
        FerStreamConfig.TOPIC_PARTITIONS, "12", FerStreamConfig.TOPIC_FACE_CROPS, "crops-x")));

    assertThat(topics.all()).hasSize(10);
    assertThat(topics.faceCrops().name()).isEqualTo("crops-x");
    assertThat(topics.faceCrops().partitions()).isEqualTo(12);
    assertThat(topics.emotionEvents().partitions()).isEqualTo(12);
  }

  @Test
  void shouldCompactTheReleaseTopicAndAllowLargeRecords() {
    TopicSpecs topics = TopicSpecs.from(new FerStreamConfig(Map.of()));

    assertThat(topics.modelReleases().partitions()).isEqualTo(1);
    assertThat(topics.modelReleases().configs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("max.message.bytes", String.valueOf(64 * 1024 * 1024));
    assertThat(topics.labelledFeedback().configs()).containsEntry("retention.ms", "-1");
  }

  @Test
  void shouldKeepTheTrainingBufferCompactedForeverAndItsDeadLettersLikeTheFeedback() {
    TopicSpecs topics = TopicSpecs.from(new FerStreamConfig(Map.of(FerStreamConfig.TOPIC_PARTITIONS, "6")));

    assertThat(topics.trainingExamples().name()).isEqualTo("training-examples");
    assertThat(topics.trainingExamples().partitions()).isEqualTo(6);
    assertThat(topics.trainingExamples().configs()).containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(topics.labelledFeedbackDlq().name()).isEqualTo("labelled-feedback-dlq");
    assertThat(topics.labelledFeedbackDlq().partitions()).isEqualTo(1);
    assertThat(topics.labelledFeedbackDlq().configs()).isEqualTo(topics.labelledFeedback().configs());
  }

  @Test
  void shouldDefineADeadLetterTopicForEmotionEventsLikeTheOneForFaceCrops() {
    TopicSpecs topics = TopicSpecs.from(new FerStreamConfig(Map.of(FerStreamConfig.TOPIC_PARTITIONS, "6")));

    assertThat(topics.emotionEventsDlq().name()).isEqualTo("emotion-events-dlq");
    // One partition, like face-crops-dlq: dead letters are rare and read in order by an operator.
    assertThat(topics.emotionEventsDlq().partitions()).isEqualTo(1);
    assertThat(topics.emotionEventsDlq().configs()).isEqualTo(topics.faceCropsDlq().configs());
    assertThat(topics.all()).contains(topics.emotionEventsDlq());
  }
}
