package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.classifier.testing.TopologyFixture;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroBatchTopologyTest {

  private final TestEngine engine = new TestEngine("release-a", 3);
  private TopologyFixture fixture;

  private TopologyFixture start(int maxSize, long maxDelayMs) {
    fixture = TopologyFixture.plain(Map.of(
        ClassifierConfig.BATCH_MAX_SIZE, maxSize,
        ClassifierConfig.BATCH_MAX_DELAY_MS, maxDelayMs,
        ClassifierConfig.BATCH_PUNCTUATE_INTERVAL_MS, 10L), engine);
    return fixture;
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldScoreABatchAsSoonAsItReachesMaxSize() {
    start(4, 60_000);
    for (int i = 0; i < 3; i++) {
      fixture.send(Crops.crop("s1", i, i));
    }
    assertThat(fixture.events.isEmpty()).isTrue();
    assertThat(engine.batchSizes()).isEmpty();

    fixture.send(Crops.crop("s1", 3, 3));

    List<KeyValue<String, EmotionEvent>> out = fixture.events.readKeyValuesToList();
    assertThat(out).hasSize(4);
    assertThat(engine.batchSizes()).containsExactly(4);
    assertThat(out).allSatisfy(kv -> {
      assertThat(kv.key).isEqualTo("s1");
      assertThat(kv.value.getBatchSize()).isEqualTo(4);
      assertThat(kv.value.getModelReleaseId()).isEqualTo("release-a");
      assertThat(kv.value.getEnsembleSize()).isEqualTo(3);
    });
  }

  @Test
  void shouldForwardAPipelinedBatchFromALaterPunctuationInOrder() {
    fixture = TopologyFixture.plain(Map.of(
        ClassifierConfig.BATCH_MAX_SIZE, 4,
        ClassifierConfig.BATCH_MAX_DELAY_MS, 60_000L,
        ClassifierConfig.BATCH_PUNCTUATE_INTERVAL_MS, 10L,
        ClassifierConfig.BATCH_PIPELINED, true), engine);
    for (int i = 0; i < 9; i++) {
      fixture.send(Crops.crop("s1", i, i));
    }
    // the eighth crop waited in process() for the first batch; the second batch may still be in flight
    // polled on this thread: the driver's punctuations must run on the thread that owns the coordinator
    org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
      fixture.advance(Duration.ofMillis(10));
      return fixture.events.getQueueSize() >= 8;
    });

    List<EmotionEvent> out = fixture.events.readValuesToList();
    assertThat(out).extracting(EmotionEvent::getFrameNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(engine.batchSizes()).containsExactly(4, 4);
    assertThat(fixture.coordinators.pendingCrops()).as("the ninth waits for its batch").isEqualTo(1);
  }

  @Test
  void shouldScoreAPartialBatchWhenItsOldestCropHasWaitedMaxDelay() {
    start(64, 100);
    fixture.send(Crops.crop("s1", 0, 0));
    fixture.advance(Duration.ofMillis(40));
    fixture.send(Crops.crop("s2", 0, 1));
    fixture.advance(Duration.ofMillis(50));
    assertThat(fixture.events.isEmpty()).as("nothing before the oldest crop waited 100 ms").isTrue();

    fixture.advance(Duration.ofMillis(10));

    List<EmotionEvent> out = fixture.events.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(engine.batchSizes()).containsExactly(2);
    assertThat(out.get(0).getQueueDelayMs()).isEqualTo(100);
    assertThat(out.get(1).getQueueDelayMs()).isEqualTo(60);
    assertThat(out).allSatisfy(e -> assertThat(e.getBatchSize()).isEqualTo(2));
  }

  @Test
  void shouldKeepTheOrderOfEverySession() {
    start(5, 50);
    for (int frame = 0; frame < 23; frame++) {
      for (String session : List.of("a", "b", "c")) {
        fixture.send(Crops.crop(session, frame, frame));
      }
      if (frame % 7 == 0) {
        fixture.advance(Duration.ofMillis(60));
      }
    }
    fixture.advance(Duration.ofMillis(60));

    List<KeyValue<String, EmotionEvent>> out = fixture.events.readKeyValuesToList();
    assertThat(out).hasSize(69);
    Map<String, List<Long>> framesBySession = out.stream().collect(Collectors.groupingBy(kv -> kv.key,
        Collectors.mapping(kv -> kv.value.getFrameNumber(), Collectors.toList())));
    for (String session : List.of("a", "b", "c")) {
      assertThat(framesBySession.get(session)).isSorted().hasSize(23).doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldAverageAndLabelEveryEventFromItsCrop() {
    start(2, 60_000);
    fixture.send(Crops.crop("s1", 7, 2));
    fixture.send(Crops.crop("s1", 8, 5));

    List<EmotionEvent> out = fixture.events.readValuesToList();
    assertThat(out).extracting(EmotionEvent::getPredicted).containsExactly(Emotion.HAPPY, Emotion.NEUTRAL);
    assertThat(out).extracting(EmotionEvent::getCropId).containsExactly("s1-7", "s1-8");
    assertThat(out.get(0).getConfidence()).isEqualTo(0.5f);
    assertThat(out.get(0).getProbabilities().getHappy()).isEqualTo(0.5f);
    assertThat(out.get(0).getProbabilities().getAngry()).isEqualTo(0.1f);
  }

  @Test
  void shouldHoldPendingCropsInTheLoggedStoreUntilTheirEventsAreForwarded() {
    start(64, 1_000);
    fixture.send(Crops.crop("s1", 0, 0));
    fixture.send(Crops.crop("s1", 1, 1));
    KeyValueStore<Long, PendingCrop> store = fixture.driver.getKeyValueStore(ClassifierTopology.PENDING_STORE);
    assertThat(store.approximateNumEntries()).isEqualTo(2);

    fixture.advance(Duration.ofMillis(1_000));

    assertThat(fixture.events.readValuesToList()).hasSize(2);
    try (var it = store.all()) {
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void shouldRecordBatchSizeQueueDelayAndLatencyMetrics() {
    start(3, 60_000);
    for (int i = 0; i < 6; i++) {
      fixture.send(Crops.crop("s1", i, i));
    }
    assertThat(fixture.metrics.getBatchesTotal()).isEqualTo(2);
    assertThat(fixture.metrics.getEventsTotal()).isEqualTo(6);
    assertThat(fixture.metrics.getBatchSizeMean()).isEqualTo(3.0);
    assertThat(fixture.metrics.getQueueDelayP99Ms()).isGreaterThanOrEqualTo(0);
    assertThat(fixture.metrics.getPendingCrops()).isZero();
  }
}
