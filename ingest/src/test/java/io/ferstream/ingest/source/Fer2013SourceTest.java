package io.ferstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.testing.Pipelines;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.model.data.EmotionClasses;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.schemas.Emotion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class Fer2013SourceTest {

  static Fer2013Data rows(int n) {
    byte[] pixels = new byte[n * 2304];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 6);
      java.util.Arrays.fill(pixels, i * 2304, (i + 1) * 2304, (byte) i);
    }
    return Fer2013Data.ofArrays(pixels, labels);
  }

  @Test
  void shouldGroupRowsIntoSessionsRunningSideBySide() throws Exception {
    // 10 rows, sessions of 4, 2 at a time: s1 = rows 0-3, s2 = 4-7, s3 = 8-9 (starts when s1 ends).
    Fer2013Source source = new Fer2013Source(rows(10), "fer", 4, 2, 5, 1_000_000, Map.of("source.type", "fer2013"));
    List<Step> steps = Pipelines.drain(source);
    List<Crop> crops = Pipelines.crops(steps);
    assertThat(crops).hasSize(10);
    assertThat(source.sessions()).isEqualTo(3);
    Map<String, List<Integer>> rowsBySession = crops.stream().collect(Collectors.groupingBy(Crop::sessionId,
        java.util.TreeMap::new, Collectors.mapping(c -> c.pixels()[0] & 0xff, Collectors.toList())));
    assertThat(rowsBySession).containsExactly(Map.entry("fer-0001", List.of(0, 1, 2, 3)),
        Map.entry("fer-0002", List.of(4, 5, 6, 7)), Map.entry("fer-0003", List.of(8, 9)));
    // Ticks at 5 fps: 200 ms apart; both running sessions show a frame each tick.
    assertThat(steps).extracting(Step::timestampMillis).containsExactly(1_000_000L, 1_000_200L, 1_000_400L,
        1_000_600L, 1_000_800L, 1_001_000L);
    assertThat(steps.get(0).crops()).extracting(Crop::sessionId).containsExactly("fer-0001", "fer-0002");
    for (List<Crop> session : crops.stream().collect(Collectors.groupingBy(Crop::sessionId)).values()) {
      for (int f = 0; f < session.size(); f++) {
        assertThat(session.get(f).frameNumber()).isEqualTo(f);
      }
    }
  }

  @Test
  void shouldCarryEachRowsLabelAndNoBox() throws Exception {
    List<Crop> crops = Pipelines.crops(Pipelines.drain(new Fer2013Source(rows(12), "fer", 100, 1, 5, 0, Map.of())));
    for (int i = 0; i < crops.size(); i++) {
      Crop c = crops.get(i);
      assertThat(c.label()).isEqualTo(Emotion.valueOf(EmotionClasses.name(i % 6).toUpperCase()));
      assertThat(c.box()).isNull();
      assertThat(c.trackId()).isNull();
      assertThat(c.sourceRef()).isEqualTo("fer2013 line " + (i + 2));
    }
  }

  @Test
  void shouldMapClassIndicesToEmotionsInModelOutputOrder() {
    for (int i = 0; i < EmotionClasses.COUNT; i++) {
      assertThat(Emotions.ofClassIndex(i).ordinal()).isEqualTo(i);
      assertThat(Emotions.ofClassIndex(i).name()).isEqualToIgnoringCase(EmotionClasses.name(i));
    }
    assertThat(Emotions.ofFolder("train/surprise/0001.png")).isEqualTo(Emotion.SURPRISE);
    assertThat(Emotions.ofFolder("Angry/x/0001.png")).isEqualTo(Emotion.ANGRY);
    assertThat(Emotions.ofFolder("disgust/0001.png")).isNull();
    assertThat(Emotions.ofFolder("0001.png")).isNull();
  }

  @Test
  void shouldReplayTheRealFileWithItsLabels() throws Exception {
    Optional<Fer2013Data> data = TestFaces.fer2013PublicTest(200);
    Assumptions.assumeTrue(data.isPresent(), "FER2013 is not at ../shared/fer2013 (it is never in the repository)");
    List<Crop> crops = Pipelines.crops(Pipelines.drain(new Fer2013Source(data.get(), "pt", 60, 4, 5, 0, Map.of())));
    assertThat(crops).hasSize(data.get().size());
    int[] counts = new int[6];
    crops.forEach(c -> counts[c.label().ordinal()]++);
    assertThat(counts).isEqualTo(data.get().classCounts());
  }
}
