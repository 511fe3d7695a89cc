package io.ferstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.testing.Pipelines;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.schemas.Emotion;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

  static List<Crop> run(long seed) throws Exception {
    return Pipelines.crops(Pipelines.drain(new SyntheticSource("syn", 3, 100, 5, seed, 0, Map.of())));
  }

  @Test
  void shouldProduceSessionsOfLabelledCropsWithChangingExpressions() throws Exception {
    List<Crop> crops = run(1);
    assertThat(crops).hasSize(300);
    Map<String, List<Crop>> sessions = crops.stream().collect(Collectors.groupingBy(Crop::sessionId));
    assertThat(sessions).containsOnlyKeys("syn-01", "syn-02", "syn-03");
    Set<Emotion> seen = EnumSet.noneOf(Emotion.class);
    sessions.values().forEach(s -> {
      assertThat(s).extracting(Crop::frameNumber).containsExactlyElementsOf(
          java.util.stream.LongStream.range(0, 100).boxed().toList());
      long changes = java.util.stream.IntStream.range(1, s.size())
          .filter(i -> s.get(i).label() != s.get(i - 1).label()).count();
      // 20 s per session, an expression held ~3 s on average: a handful of changes, not one per frame.
      assertThat(changes).isBetween(2L, 15L);
      s.forEach(c -> seen.add(c.label()));
    });
    assertThat(seen.size()).isGreaterThanOrEqualTo(4);
    assertThat(crops).allSatisfy(c -> {
      assertThat(c.pixels()).hasSize(48 * 48);
      assertThat(c.trackId()).isEqualTo("t1");
      assertThat(c.box()).isNull();
    });
  }

  @Test
  void shouldDrawPlausibleFacesNotNoise() throws Exception {
    List<Crop> crops = run(2);
    Crop a = crops.get(0);
    // A face has contrast (dark eyes, brows, mouth on skin) but no saturated noise.
    int min = 255;
    int max = 0;
    for (byte b : a.pixels()) {
      min = Math.min(min, b & 0xff);
      max = Math.max(max, b & 0xff);
    }
    assertThat(max - min).isGreaterThan(80);
    // The same person in consecutive frames looks alike; another person less so.
    Crop next = crops.get(3);
    assertThat(next.sessionId()).isEqualTo(a.sessionId());
    assertThat(TestFaces.ncc(a.pixels(), next.pixels())).isGreaterThan(0.8);
  }

  @Test
  void shouldRepeatTheSameRunForTheSameSeed() throws Exception {
    List<Crop> one = run(7);
    List<Crop> two = run(7);
    for (int i = 0; i < one.size(); i++) {
      assertThat(two.get(i).pixels()).isEqualTo(one.get(i).pixels());
      assertThat(two.get(i).label()).isEqualTo(one.get(i).label());
    }
  }
}
