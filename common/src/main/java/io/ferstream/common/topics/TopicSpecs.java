package io.ferstream.common.topics;

import io.ferstream.common.config.FerStreamConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of a FerStream deployment, built from configuration. Nothing here is mutable or static:
 * two configs give two independent sets of topics (tests use unique names).
 */
public record TopicSpecs(
    TopicSpec faceCrops,
    TopicSpec faceCropsDlq,
    TopicSpec emotionEvents,
    TopicSpec emotionEventsDlq,
    TopicSpec emotionEventsShadow,
    TopicSpec sessionEmotionStats,
    TopicSpec labelledFeedback,
    TopicSpec labelledFeedbackDlq,
    TopicSpec trainingExamples,
    TopicSpec modelReleases) {

  public static TopicSpecs from(FerStreamConfig config) {
    int partitions = config.getInt(FerStreamConfig.TOPIC_PARTITIONS);
    short rf = config.getShort(FerStreamConfig.TOPIC_REPLICATION_FACTOR);
    String retention = String.valueOf(config.getLong(FerStreamConfig.TOPIC_RETENTION_MS));
    Map<String, String> data = Map.of(TopicConfig.RETENTION_MS_CONFIG, retention);
    // Dead letters are kept as long as the data they came from, and never compacted: each one matters.
    Map<String, String> deadLetters = Map.of(TopicConfig.RETENTION_MS_CONFIG, retention);
    // Labels are scarce and expensive: keep them until an operator decides otherwise.
    Map<String, String> feedback = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
    // The training buffer: one record per labelled crop, compacted (a relabel replaces), never deleted by age.
    Map<String, String> buffer = Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.RETENTION_MS_CONFIG, "-1");
    // Releases: compacted on the release channel key so the latest record is the live release; large
    // records so that a bundle can travel inside its record.
    Map<String, String> releases = Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
        String.valueOf(config.getInt(FerStreamConfig.TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES)));
    return new TopicSpecs(
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_FACE_CROPS), partitions, rf, data),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_FACE_CROPS_DLQ), 1, rf, deadLetters),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS), partitions, rf, data),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS_DLQ), 1, rf, deadLetters),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW), partitions, rf, data),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_SESSION_STATS), partitions, rf, data),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_LABELLED_FEEDBACK), partitions, rf, feedback),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_LABELLED_FEEDBACK_DLQ), 1, rf, feedback),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_TRAINING_EXAMPLES), partitions, rf, buffer),
        new TopicSpec(config.getString(FerStreamConfig.TOPIC_MODEL_RELEASES), 1, rf, releases));
  }

  public List<TopicSpec> all() {
    return List.of(faceCrops, faceCropsDlq, emotionEvents, emotionEventsDlq, emotionEventsShadow,
        sessionEmotionStats, labelledFeedback, labelledFeedbackDlq, trainingExamples, modelReleases);
  }
}
