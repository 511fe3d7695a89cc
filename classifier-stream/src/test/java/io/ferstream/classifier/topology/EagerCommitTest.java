package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.inference.EngineHolder;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.ManualClock;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.schemas.EmotionEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A task asks for a commit right after forwarding a batch while the stream keeps up, and leaves the commit to
 * commit.interval.ms while it is behind (its newest crop arrived long after its record timestamp).
 */
class EagerCommitTest {

  private final ManualClock clock = new ManualClock(1_000_000);
  private final ClassifierMetrics metrics = new ClassifierMetrics();

  @Test
  void shouldCommitAfterForwardingWithinTheLagBoundOnly() {
    EagerCommitPolicy policy = new EagerCommitPolicy(true, 500, 0);
    assertThat(policy.commitAfterForward(0)).isTrue();
    assertThat(policy.commitAfterForward(500)).isTrue();
    assertThat(policy.commitAfterForward(501)).isFalse();
    assertThat(policy.commitAfterForward(-3_000)).as("a producer clock ahead of ours").isTrue();
    assertThat(EagerCommitPolicy.ALWAYS.commitAfterForward(Long.MAX_VALUE)).isTrue();
    assertThat(EagerCommitPolicy.NEVER.commitAfterForward(0)).isFalse();
    assertThat(new EagerCommitPolicy(false, 500, 0).commitAfterForward(0)).isFalse();
  }

  @Test
  void shouldLeaveTheCommitToTheIntervalWhileBehindAndCommitOnceCaughtUp() {
    MockProcessorContext<String, EmotionEvent> context = new MockProcessorContext<>();
    MicroBatchProcessor processor = processor(context, new EagerCommitPolicy(true, 500, 0));

    // A backlog: the crop was produced two seconds ago. Its batch (of one) is forwarded, the commit left to the
    // interval.
    processor.process(new Record<>("s1", Crops.crop("s1", 1, 1), clock.getAsLong() - 2_000));
    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.committed()).isFalse();
    assertThat(metrics.getForwardsCommittedAtIntervalTotal()).isEqualTo(1);

    // Caught up: the next crop arrives 20 ms after it was produced.
    processor.process(new Record<>("s1", Crops.crop("s1", 2, 2), clock.getAsLong() - 20));
    assertThat(context.forwarded()).hasSize(2);
    assertThat(context.committed()).isTrue();
    assertThat(metrics.getForwardsCommittedEarlyTotal()).isEqualTo(1);
    processor.close();
  }

  @Test
  void shouldCommitAfterEveryForwardWithoutALagBound() {
    MockProcessorContext<String, EmotionEvent> context = new MockProcessorContext<>();
    MicroBatchProcessor processor = processor(context, EagerCommitPolicy.ALWAYS);

    processor.process(new Record<>("s1", Crops.crop("s1", 1, 1), clock.getAsLong() - 60_000));
    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.committed()).isTrue();
    processor.close();
  }

  @Test
  void shouldSpaceEarlyCommitsAndAskForADeferredOneOncePunctuationFindsTheSpacingPassed() {
    MockProcessorContext<String, EmotionEvent> context = new MockProcessorContext<>();
    MicroBatchProcessor processor = processor(context, new EagerCommitPolicy(true, 500, 10));

    processor.process(new Record<>("s1", Crops.crop("s1", 1, 1), clock.getAsLong() - 5));
    assertThat(context.committed()).as("the first forward commits at once").isTrue();
    context.resetCommit();

    // 4 ms later the next crop's batch is forwarded: within the spacing, so its commit waits
    clock.advance(Duration.ofMillis(4));
    processor.process(new Record<>("s1", Crops.crop("s1", 2, 2), clock.getAsLong() - 5));
    assertThat(context.forwarded()).hasSize(2);
    assertThat(context.committed()).isFalse();

    // a punctuation before the spacing has passed does not ask yet; the one after it does
    clock.advance(Duration.ofMillis(5));
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(clock.getAsLong());
    assertThat(context.committed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(clock.getAsLong());
    assertThat(context.committed()).isTrue();
    context.resetCommit();

    // nothing forwarded since: punctuations ask for nothing more
    clock.advance(Duration.ofMillis(50));
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(clock.getAsLong());
    assertThat(context.committed()).isFalse();
    processor.close();
  }

  /** A processor whose batches hold one crop, scored on the stream thread: each crop is forwarded in its process. */
  private MicroBatchProcessor processor(MockProcessorContext<String, EmotionEvent> context, EagerCommitPolicy policy) {
    PendingStores.attach(context);
    CoordinatorRegistry registry =
        new CoordinatorRegistry(1, 100, new BatchScorer(new EngineHolder(new TestEngine("r1")), metrics));
    MicroBatchProcessor processor = new MicroBatchProcessor(ClassifierTopology.PENDING_STORE, registry, metrics,
        clock, Duration.ofMillis(10), policy);
    processor.init(context);
    return processor;
  }
}
