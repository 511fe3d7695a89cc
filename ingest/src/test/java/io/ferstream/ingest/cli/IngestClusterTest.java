package io.ferstream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.ingest.core.CropIds;
import io.ferstream.ingest.testing.Cli;
import io.ferstream.ingest.testing.TestFaces;
import io.ferstream.ingest.testing.TestVideo;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.serde.ConfluentAvroDeserializer;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferstream ingest} against a real broker and Schema Registry: what arrives, in which order. */
class IngestClusterTest {

  @TempDir Path dir;

  static ConfluentAvroDeserializer<FaceCrop> deserializer(KafkaCluster cluster) {
    ConfluentAvroDeserializer<FaceCrop> d = new ConfluentAvroDeserializer<>();
    d.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "specific.avro.reader", true), false);
    return d;
  }

  static long published(String summary) {
    Matcher m = Pattern.compile("crops published\\s+(\\d+) \\(delivered (\\d+), failed 0\\)").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    assertThat(m.group(2)).isEqualTo(m.group(1));
    return Long.parseLong(m.group(1));
  }

  @ClusterTest
  void shouldPublishTheCropsOfAVideoInOrderKeyedBySession(KafkaCluster cluster) throws Exception {
    String topic = cluster.uniqueTopic("face-crops");
    cluster.createTopic(topic, 3);
    TestVideo video = new TestVideo(1280, 720, 10, 2, 10, TestFaces.detectable(2, 166));
    Path file = video.record(dir.resolve("some.mp4"));

    Cli.Result r = Cli.run("video", file.toString(), "--session", "s1", "--no-progress",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "-D", "topic.face.crops=" + topic, "--tag", "test=cluster");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    long count = published(r.out());
    assertThat(count).isGreaterThanOrEqualTo(18);

    List<ConsumerRecord<String, FaceCrop>> records =
        cluster.consumeUntil(topic, (int) count, Duration.ofSeconds(60), new StringDeserializer(), deserializer(cluster));
    assertThat(records).hasSize((int) count);
    // One session, one key, one partition: the crops arrive in frame order, faces left to right.
    assertThat(records).extracting(ConsumerRecord::key).containsOnly("s1");
    assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
    Set<String> ids = new HashSet<>();
    FaceCrop previous = null;
    for (ConsumerRecord<String, FaceCrop> record : records) {
      FaceCrop c = record.value();
      assertThat(c.getSessionId()).isEqualTo("s1");
      assertThat(c.getCropId()).isEqualTo(CropIds.of("s1", c.getFrameNumber(), c.getFaceIndex()));
      assertThat(ids.add(c.getCropId())).as("unique crop id").isTrue();
      assertThat(c.getWidth()).isEqualTo(48);
      assertThat(c.getHeight()).isEqualTo(48);
      assertThat(c.getPixels().remaining()).isEqualTo(2304);
      assertThat(c.getBoundingBox()).isNotNull();
      assertThat(c.getBoundingBox().getFrameWidth()).isEqualTo(1280);
      assertThat(c.getTrackId()).startsWith("t");
      assertThat(c.getProducer()).containsEntry("source.type", "video").containsEntry("tag.test", "cluster")
          .containsKey("detector");
      if (previous != null) {
        boolean later = c.getFrameNumber() > previous.getFrameNumber()
            || c.getFrameNumber() == previous.getFrameNumber() && c.getFaceIndex() == previous.getFaceIndex() + 1;
        assertThat(later).as("frame %d face %d after frame %d face %d", c.getFrameNumber(), c.getFaceIndex(),
            previous.getFrameNumber(), previous.getFaceIndex()).isTrue();
        assertThat(c.getFrameTimestamp()).isAfterOrEqualTo(previous.getFrameTimestamp());
      }
      previous = c;
    }
  }

  @ClusterTest
  void shouldPublishLabelledSyntheticSessionsSpreadOverPartitions(KafkaCluster cluster) {
    String topic = cluster.uniqueTopic("face-crops");
    cluster.createTopic(topic, 6);
    Cli.Result r = Cli.run("synthetic", "--sessions", "4", "--frames", "10", "--no-realtime", "--no-progress",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "-D", "topic.face.crops=" + topic, "-D", "compression.type=lz4");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(published(r.out())).isEqualTo(40);
    List<ConsumerRecord<String, FaceCrop>> records =
        cluster.consumeUntil(topic, 40, Duration.ofSeconds(60), new StringDeserializer(), deserializer(cluster));
    assertThat(records).hasSize(40);
    assertThat(records).allSatisfy(rec -> {
      assertThat(rec.key()).isEqualTo(rec.value().getSessionId());
      assertThat(rec.value().getLabel()).isNotNull();
      assertThat(rec.value().getBoundingBox()).isNull();
    });
    for (String session : List.of("synthetic-01", "synthetic-02", "synthetic-03", "synthetic-04")) {
      assertThat(records.stream().filter(rec -> rec.key().equals(session)).map(rec -> rec.value().getFrameNumber()))
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
  }

  @ClusterTest
  void shouldRefuseToStartWhenTheTopicIsMissing(KafkaCluster cluster) {
    String topic = cluster.uniqueTopic("missing");
    Cli.Result r = Cli.run("synthetic", "--frames", "3", "--no-realtime", "--no-progress",
        "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "-D", "topic.face.crops=" + topic);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("topic '" + topic + "' does not exist").contains("ferstream topics create");
  }
}
