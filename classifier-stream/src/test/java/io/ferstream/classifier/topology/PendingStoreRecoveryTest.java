package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.ManualClock;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A task that takes over a partition finds the previous owner's pending crops in its restored store, and scores
 * and forwards them, once, before or along with its own new crops.
 */
class PendingStoreRecoveryTest {

  private final TestEngine engine = new TestEngine("r1");
  private final ClassifierMetrics metrics = new ClassifierMetrics();
  private final CoordinatorRegistry registry =
      new CoordinatorRegistry(8, 100, new BatchScorer(new EngineHolder(engine), metrics));
  private final ManualClock clock = new ManualClock(1_000_000);

  @Test
  void shouldScoreAndForwardTheCropsFoundInTheRestoredStore() {
    MockProcessorContext<String, EmotionEvent> context = new MockProcessorContext<>();
    KeyValueStore<Long, PendingCrop> store = PendingStores.attach(context);
    // What the previous owner had committed to the changelog: two crops waiting, seq 5 and 9.
    for (long seq : new long[] {5, 9}) {
      FaceCrop c = Crops.crop("s1", seq, (int) seq);
      store.put(seq, new PendingCrop(seq, c, CropValidator.validate(c), 42L, clock.getAsLong() - 500));
    }

    MicroBatchProcessor processor = new MicroBatchProcessor(ClassifierTopology.PENDING_STORE, registry, metrics,
        clock, Duration.ofMillis(10), EagerCommitPolicy.ALWAYS);
    processor.init(context);
    processor.process(new Record<>("s1", Crops.crop("s1", 10, 10), 43L));
    // The restored crops are long overdue: the first punctuation scores them with the new one.
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(clock.getAsLong());

    List<MockProcessorContext.CapturedForward<? extends String, ? extends EmotionEvent>> out = context.forwarded();
    assertThat(out).extracting(f -> f.record().value().getFrameNumber()).containsExactly(5L, 9L, 10L);
    assertThat(out).extracting(f -> f.record().timestamp()).containsExactly(42L, 42L, 43L);
    assertThat(out.get(0).record().value().getQueueDelayMs()).isEqualTo(500);
    assertThat(engine.batchSizes()).containsExactly(3);
    assertThat(context.committed()).as("a commit is requested once the batch is forwarded").isTrue();
    try (var it = store.all()) {
      assertThat(it.hasNext()).isFalse();
    }
    processor.close();
  }

  @Test
  void shouldContinueTheSequenceAfterTheHighestRestoredKey() {
    MockProcessorContext<String, EmotionEvent> context = new MockProcessorContext<>();
    KeyValueStore<Long, PendingCrop> store = PendingStores.attach(context);
    FaceCrop c = Crops.crop("s1", 0, 0);
    store.put(41L, new PendingCrop(41, c, CropValidator.validate(c), 1L, clock.getAsLong()));

    MicroBatchProcessor processor = new MicroBatchProcessor(ClassifierTopology.PENDING_STORE, registry, metrics,
        clock, Duration.ofMillis(10), EagerCommitPolicy.ALWAYS);
    processor.init(context);
    processor.process(new Record<>("s1", Crops.crop("s1", 1, 1), 2L));

    assertThat(store.get(41L)).isNotNull();
    assertThat(store.get(42L)).isNotNull();
    processor.close();
  }
}
