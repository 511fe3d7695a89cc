package io.ferstream.trainer.feedback;

import static io.ferstream.trainer.feedback.FeedbackFixture.RETENTION;
import static io.ferstream.trainer.feedback.FeedbackFixture.T0;
import static io.ferstream.trainer.feedback.FeedbackFixture.counts;
import static io.ferstream.trainer.feedback.FeedbackFixture.crop;
import static io.ferstream.trainer.feedback.FeedbackFixture.label;
import static io.ferstream.trainer.feedback.FeedbackFixture.pixels;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.streams.errors.DeadLetters;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.schemas.PixelSource;
import io.ferstream.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accepted feedback: pixels from the crop store or inline, de-duplication, relabels, crop expiry, the wiring. */
class FeedbackTopologyTest {

  private FeedbackFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static byte[] bytes(TrainingExample example) {
    return FeedbackReader.bytes(example.getPixels());
  }

  @Test
  void shouldTakeThePixelsFromTheCropStoreWhenTheFeedbackHasNone() {
    fixture = new FeedbackFixture();
    byte[] pixels = pixels(1);
    fixture.sendCrop(crop("c1", "s1", pixels, T0), T0);
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 60_000), T0 + 60_000);

    List<KeyValue<String, TrainingExample>> out = fixture.examples.readKeyValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).key).isEqualTo("c1");
    TrainingExample example = out.get(0).value;
    assertThat(example.getCropId()).isEqualTo("c1");
    assertThat(example.getSessionId()).isEqualTo("session-of-c1");
    assertThat(example.getLabel()).isEqualTo(Emotion.HAPPY);
    assertThat(example.getLabeller()).isEqualTo("alice");
    assertThat(example.getLabelledTimestamp()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(bytes(example)).isEqualTo(pixels);
    assertThat(example.getPixelSource()).isEqualTo(PixelSource.FACE_CROPS);
    assertThat(example.getAcceptedTimestamp()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 1, "from-crop-store", 1,
        "crops-indexed", 1));
  }

  @Test
  void shouldTakeTheCropsSessionWhenTheFeedbackHasNone() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    fixture.sendFeedback(LabelledFeedback.newBuilder(label("c1", Emotion.SAD, "alice", null, T0 + 1)).setSessionId("").build(),
        T0 + 1);

    assertThat(fixture.examples.readValue().getSessionId()).isEqualTo("s1");
  }

  @Test
  void shouldTakeInlinePixelsWithoutLookingForTheCrop() {
    fixture = new FeedbackFixture();
    byte[] inline = pixels(2);
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    fixture.sendFeedback(label("c1", Emotion.FEAR, "bob", inline, T0 + 5), T0 + 5);
    fixture.sendFeedback(label("never-cropped", Emotion.ANGRY, "bob", inline, T0 + 6), T0 + 6);

    List<TrainingExample> out = fixture.examples.readValuesToList();
    assertThat(out).extracting(TrainingExample::getCropId).containsExactly("c1", "never-cropped");
    assertThat(out).extracting(TrainingExample::getPixelSource)
        .containsExactly(PixelSource.FEEDBACK, PixelSource.FEEDBACK);
    assertThat(bytes(out.get(0))).isEqualTo(inline);
    assertThat(bytes(out.get(1))).isEqualTo(inline);
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 2, "from-feedback-pixels", 2,
        "crops-indexed", 1));
  }

  @Test
  void shouldAcceptAGenuineNeutralLabel() {
    fixture = new FeedbackFixture();
    fixture.sendFeedback(label("c1", Emotion.NEUTRAL, "carol", pixels(3), T0), T0);

    assertThat(fixture.examples.readValue().getLabel()).isEqualTo(Emotion.NEUTRAL);
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDropTheSameLabelForTheSameCropAsADuplicate() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 1), T0 + 1);
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 2), T0 + 2);
    // Another labeller agreeing adds nothing either; nor do inline pixels equal to the crop's.
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "bob", pixels(1), T0 + 3), T0 + 3);

    List<TrainingExample> out = fixture.examples.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getLabeller()).isEqualTo("alice");
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 1, "from-crop-store", 1,
        "duplicates", 2, "crops-indexed", 1));
  }

  @Test
  void shouldForwardARelabelSoThatItReplacesTheEarlierExample() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 1), T0 + 1);
    fixture.sendFeedback(label("c1", Emotion.SURPRISE, "bob", null, T0 + 2), T0 + 2);
    // Back to the first label: a relabel again, not a duplicate of the first.
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "carol", null, T0 + 3), T0 + 3);

    List<KeyValue<String, TrainingExample>> out = fixture.examples.readKeyValuesToList();
    assertThat(out).extracting(kv -> kv.key).containsExactly("c1", "c1", "c1");
    assertThat(out).extracting(kv -> kv.value.getLabel())
        .containsExactly(Emotion.HAPPY, Emotion.SURPRISE, Emotion.HAPPY);
    assertThat(out).extracting(kv -> kv.value.getLabeller()).containsExactly("alice", "bob", "carol");
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 3, "from-crop-store", 3,
        "relabelled", 2, "crops-indexed", 1));
  }

  @Test
  void shouldForwardTheSameLabelWithOtherPixelsAsAReplacement() {
    fixture = new FeedbackFixture();
    fixture.sendFeedback(label("c1", Emotion.SAD, "alice", pixels(1), T0), T0);
    fixture.sendFeedback(label("c1", Emotion.SAD, "alice", pixels(2), T0 + 1), T0 + 1);

    List<TrainingExample> out = fixture.examples.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(bytes(out.get(1))).isEqualTo(pixels(2));
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 2, "from-feedback-pixels", 2,
        "pixels-replaced", 1));
  }

  @Test
  void shouldUseTheLatestCropWhenACropIdIsPublishedAgain() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    fixture.sendCrop(crop("c1", "s1", pixels(2), T0 + 10), T0 + 10);
    fixture.sendFeedback(label("c1", Emotion.SAD, "alice", null, T0 + 20), T0 + 20);

    assertThat(bytes(fixture.examples.readValue())).isEqualTo(pixels(2));
  }

  @Test
  void shouldFindACropStampedAfterItsFeedback() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0 + 500), T0 + 500);
    fixture.sendFeedback(label("c1", Emotion.SAD, "alice", null, T0), T0);

    assertThat(fixture.examples.readValue().getPixelSource()).isEqualTo(PixelSource.FACE_CROPS);
  }

  @Test
  void shouldFindACropAsOldAsTheRetention() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    long later = T0 + RETENTION.toMillis();
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, later), later);

    assertThat(fixture.examples.readValue().getPixelSource()).isEqualTo(PixelSource.FACE_CROPS);
  }

  @Test
  void shouldDeadLetterFeedbackForACropThatExpired() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("old", "s1", pixels(1), T0), T0);
    long later = T0 + RETENTION.plusHours(1).toMillis();
    // A newer crop moves stream time beyond the old crop's retention.
    fixture.sendCrop(crop("new", "s1", pixels(2), later), later);
    fixture.sendFeedback(label("old", Emotion.HAPPY, "alice", null, later), later);
    fixture.sendFeedback(label("new", Emotion.HAPPY, "alice", null, later), later);

    assertThat(fixture.examples.readValuesToList()).extracting(TrainingExample::getCropId).containsExactly("new");
    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(DeadLetters.header(dead.get(0).headers(), FeedbackDeadLetters.HEADER_REASON))
        .isEqualTo("unknown-or-expired-crop");
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.HEADER_MESSAGE))
        .contains("old", "older than the crop retention PT6H");
    assertThat(dead.get(0).value()).isEqualTo(fixture.encode(label("old", Emotion.HAPPY, "alice", null, later)));
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("accepted", 1, "from-crop-store", 1,
        "crops-indexed", 2, "dead-lettered.unknown-or-expired-crop", 1));
  }

  @Test
  void shouldSkipAndCountInvalidCropsWithoutDeadLetteringThem() {
    fixture = new FeedbackFixture();
    fixture.sendCrop(crop("short", "s1", pixels(1, 100), T0), T0);
    fixture.sendCrop(FaceCrop.newBuilder(crop("wide", "s1", pixels(1), T0)).setWidth(64).setHeight(36).build(), T0);
    fixture.sendCrop(crop(" ", "s1", pixels(1), T0), T0);
    fixture.driver.createInputTopic(fixture.topics.faceCrops().name(),
            new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput("s1".getBytes(StandardCharsets.UTF_8), new byte[] {42, 1, 2, 3}, T0);

    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.handlerDeadLetters).isEmpty();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("crops-skipped", 4));
  }

  @Test
  void shouldWorkWithTheRegistryClientGivenToBuild() {
    fixture = new FeedbackFixture(true, false);
    fixture.sendFeedback(label("c1", Emotion.NEUTRAL, "carol", pixels(3), T0), T0);

    assertThat(fixture.examples.readValue().getLabel()).isEqualTo(Emotion.NEUTRAL);
  }

  @Test
  void shouldLetFeedbackWaitForACropPartitionThatLagsWithTheRecommendedIdleTime() {
    fixture = new FeedbackFixture(false, true);
    // The feedback arrives first, its (earlier) crop a moment later: with the idle wait the task holds the feedback
    // until the crop partition has data, then processes both in timestamp order, crop first.
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 10), T0 + 10);
    assertThat(fixture.examples.isEmpty()).isTrue();
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);
    // The driver runs the whole topology, repartition topics included, as one task: every hop waits for the other,
    // empty partitions' idle deadlines. Let the wall clock pass a few idle times, as it would for a running task.
    for (int i = 0; i < 8; i++) {
      fixture.driver.advanceWallClockTime(FeedbackSettings.DEFAULT_MAX_TASK_IDLE.plusMillis(1));
    }

    assertThat(fixture.examples.readValuesToList()).extracting(TrainingExample::getPixelSource)
        .containsExactly(PixelSource.FACE_CROPS);
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterFeedbackThatOvertakesItsCropWithoutTheIdleTime() {
    fixture = new FeedbackFixture();
    fixture.sendFeedback(label("c1", Emotion.HAPPY, "alice", null, T0 + 10), T0 + 10);
    fixture.sendCrop(crop("c1", "s1", pixels(1), T0), T0);

    assertThat(fixture.examples.isEmpty()).isTrue();
    assertThat(fixture.counters.snapshot()).isEqualTo(counts("crops-indexed", 1,
        "dead-lettered.unknown-or-expired-crop", 1));
  }

  @Test
  void shouldPutTheCropStoreAndTheJoinInOneSubtopologyFedByBothRepartitionTopics() {
    Topics topics = Topics.from(new FerStreamConfig(Map.of(FerStreamConfig.SCHEMA_REGISTRY_URL, "mock://describe")));
    Topology topology = FeedbackTopology.build(FeedbackSettings.of(Duration.ofHours(1), 4), topics,
        new FeedbackCounters());

    TopologyDescription.Subtopology joined = topology.describe().subtopologies().stream()
        .filter(s -> names(s).contains(FeedbackTopology.FEEDBACK_JOIN))
        .findFirst().orElseThrow();
    assertThat(names(joined)).contains(FeedbackTopology.CROP_INDEX, FeedbackTopology.TRAINING_EXAMPLES_SINK);
    Set<String> sourceTopics = joined.nodes().stream()
        .filter(n -> n instanceof TopologyDescription.Source)
        .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
        .collect(Collectors.toSet());
    assertThat(sourceTopics).containsExactlyInAnyOrder(FeedbackTopology.CROPS_REPARTITION + "-repartition",
        FeedbackTopology.FEEDBACK_REPARTITION + "-repartition");
    assertThat(joined.nodes().stream()
        .filter(n -> n instanceof TopologyDescription.Processor)
        .flatMap(n -> ((TopologyDescription.Processor) n).stores().stream())
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(FeedbackTopology.CROP_STORE, FeedbackTopology.ACCEPTED_STORE);
  }

  private static Set<String> names(TopologyDescription.Subtopology s) {
    return s.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toSet());
  }
}
