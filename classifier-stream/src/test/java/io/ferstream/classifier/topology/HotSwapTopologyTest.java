package io.ferstream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.classifier.config.ClassifierConfig;
import io.ferstream.classifier.testing.Crops;
import io.ferstream.classifier.testing.TestEngine;
import io.ferstream.classifier.testing.TopologyFixture;
import io.ferstream.schemas.EmotionEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotSwapTopologyTest {

  @Test
  void shouldNameInEveryEventTheReleaseThatScoredItsBatch() {
    TestEngine first = new TestEngine("r1", 3);
    TestEngine second = new TestEngine("r2", 5);
    try (TopologyFixture fixture = TopologyFixture.plain(Map.of(ClassifierConfig.BATCH_MAX_SIZE, 2,
        ClassifierConfig.BATCH_MAX_DELAY_MS, 100L), first)) {
      fixture.send(Crops.crop("s", 0, 0));
      fixture.send(Crops.crop("s", 1, 1));
      fixture.send(Crops.crop("s", 2, 2)); // waits in the next batch while the release changes

      fixture.engines.swap(second);
      fixture.advance(Duration.ofMillis(100));

      assertThat(fixture.events.readValuesToList())
          .extracting(EmotionEvent::getModelReleaseId, EmotionEvent::getEnsembleSize)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", 3), org.assertj.core.groups.Tuple.tuple("r1", 3),
              org.assertj.core.groups.Tuple.tuple("r2", 5));
      assertThat(first.closed()).isTrue();
      assertThat(second.batchSizes()).containsExactly(1);
    }
  }
}
