package io.ferstream.replay.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RangeResolverTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private static MockConsumer<byte[], byte[]> consumer() {
    MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
    Node node = new Node(0, "localhost", 9092);
    c.updatePartitions("t", List.of(new PartitionInfo("t", 1, node, null, null),
        new PartitionInfo("t", 0, node, null, null)));
    c.updateBeginningOffsets(Map.of(P0, 10L, P1, 0L));
    c.updateEndOffsets(Map.of(P0, 100L, P1, 40L));
    return c;
  }

  private static OffsetRange resolve(RangeBound from, RangeBound to) {
    try (MockConsumer<byte[], byte[]> c = consumer()) {
      return new RangeResolver(c, Duration.ofSeconds(1)).resolve("t", from, to);
    }
  }

  @Test
  void shouldResolveEdgesToTheWholeTopicInPartitionOrder() {
    OffsetRange r = resolve(RangeBound.EARLIEST, RangeBound.LATEST);
    assertThat(r.start()).containsExactly(Map.entry(P0, 10L), Map.entry(P1, 0L));
    assertThat(r.end()).containsExactly(Map.entry(P0, 100L), Map.entry(P1, 40L));
    assertThat(r.size()).isEqualTo(130);
    assertThat(r.describe()).isEqualTo("t p0 [10, 100), p1 [0, 40)");
  }

  @Test
  void shouldClampOffsetsToWhatThePartitionsHold() {
    OffsetRange r = resolve(new RangeBound.Offset(5), new RangeBound.Offset(50));
    assertThat(r.start()).containsEntry(P0, 10L).containsEntry(P1, 5L);
    assertThat(r.end()).containsEntry(P0, 50L).containsEntry(P1, 40L);
  }

  @Test
  void shouldTakeOffsetsPerPartitionAndLeaveTheOthersWhole() {
    OffsetRange r = resolve(new RangeBound.PartitionOffsets(Map.of(1, 30L)), new RangeBound.PartitionOffsets(
        Map.of(0, 20L)));
    assertThat(r.start()).containsEntry(P0, 10L).containsEntry(P1, 30L);
    assertThat(r.end()).containsEntry(P0, 20L).containsEntry(P1, 40L);
    assertThat(resolve(new RangeBound.Offset(60), new RangeBound.Offset(20)).size()).isZero();
  }

  @Test
  void shouldRejectAPartitionTheTopicDoesNotHave() {
    assertThatThrownBy(() -> resolve(new RangeBound.PartitionOffsets(Map.of(7, 1L)), RangeBound.LATEST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no partition 7");
  }
}
