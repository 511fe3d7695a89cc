package io.ferstream.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferstream.classifier.app.ClassifierApp;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.schemas.ReleaseAction;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import io.ferstream.testing.RecordCollector;
import io.ferstream.trainer.app.TrainerService;
import io.ferstream.trainer.config.TrainerConfig;
import io.ferstream.trainer.release.ArtifactTransport;
import io.ferstream.trainer.release.ReleaseHistory;
import io.ferstream.trainer.release.ReleaseLog;
import io.ferstream.trainer.release.ReleasePublisher;
import io.ferstream.trainer.release.ReleaseStore;
import io.ferstream.trainer.round.RoundOutcome;
import io.ferstream.trainer.testing.SyntheticFaces;
import io.ferstream.trainer.testing.SyntheticFaces.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining loop on a real broker and registry, with a real classifier next to the trainer, on synthetic faces:
 * the live release knows horizontal bands; the crops are vertical bands, which it gets mostly wrong.
 */
@Tag("integration")
class RetrainingLoopClusterTest {

  @TempDir Path dir;

  /**
   * Correct feedback on the classifier's crops goes in; a round trains a candidate, the gate promotes it, it is
   * published on model-releases, both running classifier instances swap to it, and later events carry the new release
   * id (no restart).
   */
  @ClusterTest
  void shouldRetrainGatePublishAndHotSwapTheClassifierFromFeedback(KafkaCluster cluster) throws Exception {
    TrainerStack stack = new TrainerStack(cluster, dir);
    TrainerConfig trainerConfig = TrainerConfig.of(stack.trainerSettings(300));
    Topics topics = Topics.from(new FerStreamConfig(stack.shared));
    int n = 300;
    SplittableRandom rnd = new SplittableRandom(7);
    List<FaceCrop> first = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      first.add(TrainerStack.crop("v" + (i % 3), i, SyntheticFaces.image(Domain.VERTICAL, i % 6, rnd)));
    }

    try (ClassifierApp classifier = stack.classifier();
        ClassifierApp secondClassifier = stack.classifier();
        TrainerService trainer = new TrainerService(trainerConfig);
        KafkaProducer<String, byte[]> producer = producer(cluster);
        RecordCollector<String, EmotionEvent> events = cluster.collector(stack.events, new StringDeserializer(),
            topics.emotionEvents().valueSerde().deserializer())) {
      classifier.start();
      secondClassifier.start();
      trainer.start();
      for (FaceCrop c : first) {
        send(producer, stack.crops, c.getSessionId(), topics.faceCrops().valueSerde().serializer()
            .serialize(stack.crops, c));
      }
      producer.flush();
      List<ConsumerRecord<String, EmotionEvent>> before = events.awaitAtLeast(n, Duration.ofMinutes(2));
      assertThat(before).allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo("synthetic-h"));
      double accuracyBefore = accuracy(before);

      // The labels name crops by id only: the trainer finds their pixels in face-crops.
      for (int i = 0; i < n; i++) {
        FaceCrop c = first.get(i);
        LabelledFeedback f = TrainerStack.label(c.getCropId(), c.getSessionId(), i % 6, null);
        send(producer, stack.feedback, c.getCropId(), topics.labelledFeedback().valueSerde().serializer()
            .serialize(stack.feedback, f));
      }
      producer.flush();

      await().atMost(Duration.ofMinutes(4)).until(() -> trainer.metrics().rounds("promoted") == 1
          || trainer.metrics().rounds("rejected") + trainer.metrics().rounds("failed") > 0);
      RoundOutcome round = trainer.metrics().lastRound();
      assertThat(round.promoted()).as(round.decision().summary()).isTrue();
      assertThat(round.feedbackTrain() + round.feedbackHeldBack()).isEqualTo(n);
      String candidate = round.candidateReleaseId();
      assertThat(candidate).startsWith("synthetic-h-fb1-");

      ReleaseHistory history = ReleaseLog.from(new FerStreamConfig(stack.shared), Duration.ofSeconds(30)).read();
      assertThat(history.live()).hasValueSatisfying(e -> {
        assertThat(e.releaseId()).isEqualTo(candidate);
        assertThat(e.parentReleaseId()).isEqualTo("synthetic-h");
        assertThat(e.transport()).isEqualTo(ArtifactTransport.INLINE);
      });
      // Every instance follows model-releases on its own (no consumer group): both swap.
      await().atMost(Duration.ofMinutes(1)).until(() -> candidate.equals(classifier.engines().currentReleaseId())
          && candidate.equals(secondClassifier.engines().currentReleaseId()));

      rnd = new SplittableRandom(8);
      for (int i = n; i < n + 60; i++) {
        FaceCrop c = TrainerStack.crop("v" + (i % 3), i, SyntheticFaces.image(Domain.VERTICAL, i % 6, rnd));
        send(producer, stack.crops, c.getSessionId(), topics.faceCrops().valueSerde().serializer()
            .serialize(stack.crops, c));
      }
      producer.flush();
      List<ConsumerRecord<String, EmotionEvent>> after = events.awaitAtLeast(n + 60, Duration.ofMinutes(2)).stream()
          .filter(r -> r.value().getFrameNumber() >= n).toList();
      assertThat(after).hasSize(60)
          .allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo(candidate));
      assertThat(accuracy(after)).as("accuracy on new vertical crops, before: %s", accuracyBefore)
          .isGreaterThan(accuracyBefore + 0.3);
      assertThat(trainer.metrics().prometheus()).contains("ferstream_trainer_rounds_total{outcome=\"promoted\"} 1")
          .contains("ferstream_trainer_feedback_total{event=\"accepted\"} " + n);
    }

    // A restarted trainer finds its buffer on the topic and its round state on disk: no label is new, no round runs,
    // and labels sent again are duplicates (the feedback stream's dedupe store came back from its changelog).
    try (TrainerService restarted = new TrainerService(trainerConfig);
        KafkaProducer<String, byte[]> producer = producer(cluster)) {
      restarted.start();
      for (int i = 0; i < 30; i++) {
        FaceCrop c = first.get(i);
        send(producer, stack.feedback, c.getCropId(), topics.labelledFeedback().valueSerde().serializer()
            .serialize(stack.feedback, TrainerStack.label(c.getCropId(), c.getSessionId(), i % 6, null)));
      }
      producer.flush();
      await().atMost(Duration.ofMinutes(2)).until(() -> restarted.metrics().prometheus()
          .contains("ferstream_trainer_feedback_total{event=\"duplicates\"} 30"));
      await().atMost(Duration.ofSeconds(30)).until(() -> restarted.metrics().prometheus()
          .contains("ferstream_trainer_buffer_examples " + n + ".0"));
      assertThat(restarted.metrics().prometheus()).contains("ferstream_trainer_pending_labels 0.0")
          .contains("ferstream_trainer_feedback_total{event=\"accepted\"} 0");
      assertThat(restarted.metrics().rounds("promoted") + restarted.metrics().rounds("rejected")
          + restarted.metrics().rounds("skipped")).isZero();
    }
  }

  /**
   * 2,000 feedback records with random labels: the candidate trained on them is rejected by the gate, nothing is
   * published, and the classifier keeps serving the live release.
   */
  @ClusterTest
  void shouldRejectACandidateTrainedOnTwoThousandRandomLabels(KafkaCluster cluster) throws Exception {
    TrainerStack stack = new TrainerStack(cluster, dir);
    TrainerConfig trainerConfig = TrainerConfig.of(stack.trainerSettings(2_000));
    FerStreamConfig shared = new FerStreamConfig(stack.shared);
    Topics topics = Topics.from(shared);
    // The live release is on the topic, published like any other.
    ReleaseStore store = new ReleaseStore(dir.resolve("store"));
    ReleasePublisher.from(shared, "live", store, Duration.ofSeconds(30)).withMaxMessageBytes(TrainerStack.BIG)
        .publish(Files.readAllBytes(stack.defaults.resolve("synthetic-h.zip")), ReleaseAction.PROMOTE,
            ArtifactTransport.INLINE);

    try (ClassifierApp classifier = stack.classifier();
        TrainerService trainer = new TrainerService(trainerConfig);
        KafkaProducer<String, byte[]> producer = producer(cluster);
        RecordCollector<String, EmotionEvent> events = cluster.collector(stack.events, new StringDeserializer(),
            topics.emotionEvents().valueSerde().deserializer())) {
      classifier.start();
      trainer.start();
      SplittableRandom rnd = new SplittableRandom(99);
      for (int i = 0; i < 2_000; i++) {
        int truth = i % EmotionClasses.COUNT;
        byte[] px = SyntheticFaces.image(rnd.nextBoolean() ? Domain.VERTICAL : Domain.HORIZONTAL, truth, rnd);
        LabelledFeedback f = TrainerStack.label("poison-" + i, "p" + (i % 5), rnd.nextInt(EmotionClasses.COUNT), px);
        send(producer, stack.feedback, f.getCropId(), topics.labelledFeedback().valueSerde().serializer()
            .serialize(stack.feedback, f));
      }
      producer.flush();

      await().atMost(Duration.ofMinutes(5)).until(() -> trainer.metrics().rounds("rejected")
          + trainer.metrics().rounds("promoted") + trainer.metrics().rounds("failed") > 0);
      RoundOutcome round = trainer.metrics().lastRound();
      assertThat(round.decision()).isNotNull();
      assertThat(round.promoted()).as(round.decision().summary()).isFalse();
      assertThat(round.feedbackTrain() + round.feedbackHeldBack()).isEqualTo(2_000);
      assertThat(round.decision().reasons()).isNotEmpty();
      assertThat(trainer.metrics().rounds("promoted")).isZero();

      ReleaseHistory history = ReleaseLog.from(shared, Duration.ofSeconds(30)).read();
      assertThat(history.entries()).hasSize(1);
      assertThat(history.live()).hasValueSatisfying(e -> assertThat(e.releaseId()).isEqualTo("synthetic-h"));
      assertThat(Files.readString(round.reportDir().resolve("report.md"))).contains("REJECTED");

      FaceCrop c = TrainerStack.crop("after", 0, SyntheticFaces.image(Domain.HORIZONTAL, 2, rnd));
      send(producer, stack.crops, c.getSessionId(), topics.faceCrops().valueSerde().serializer()
          .serialize(stack.crops, c));
      producer.flush();
      assertThat(events.awaitAtLeast(1, Duration.ofMinutes(2)))
          .allSatisfy(r -> assertThat(r.value().getModelReleaseId()).isEqualTo("synthetic-h"));
      assertThat(classifier.engines().currentReleaseId()).isEqualTo("synthetic-h");
    }
  }

  private static double accuracy(List<ConsumerRecord<String, EmotionEvent>> events) {
    long right = events.stream().filter(r -> r.value().getPredicted().ordinal()
        == (int) (r.value().getFrameNumber() % 6)).count();
    return (double) right / events.size();
  }

  private static KafkaProducer<String, byte[]> producer(KafkaCluster cluster) {
    Map<String, Object> config = cluster.producerConfig();
    config.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config, new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }
}
