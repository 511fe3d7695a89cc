package io.ferstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.CropIds;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Source;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.run.IngestRunner;
import io.ferstream.ingest.run.IngestSummary;
import io.ferstream.ingest.run.Pacer;
import io.ferstream.ingest.run.ProgressBar;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.FaceCrop;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaCropPublisherTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

  static Crop crop(long frame, int face) {
    return new Crop("s1", frame, face, 1_700_000_000_000L + frame * 40, "t" + (face + 1),
        new FaceBox(10 * face, 20, 100, 110, 1280, 720), new byte[48 * 48], Emotion.SAD, "clip.mp4");
  }

  static MockProducer<String, FaceCrop> producer(boolean autoComplete) {
    Serializer<FaceCrop> values = (topic, data) -> new byte[0];
    return new MockProducer<>(autoComplete, null, new StringSerializer(), values);
  }

  @Test
  void shouldBuildTheAvroRecordKeyedBySession() throws Exception {
    MockProducer<String, FaceCrop> mock = producer(true);
    IngestStats stats = new IngestStats();
    FaceCrops faceCrops = new FaceCrops(Map.of("source.type", "video", "tag.site", "lab"), CLOCK);
    try (KafkaCropPublisher publisher = new KafkaCropPublisher(mock, "face-crops", faceCrops, stats)) {
      publisher.publish(crop(7, 1));
    }
    ProducerRecord<String, FaceCrop> record = mock.history().get(0);
    assertThat(record.topic()).isEqualTo("face-crops");
    assertThat(record.key()).isEqualTo("s1");
    assertThat(record.timestamp()).as("broker time, not the frame's").isNull();
    FaceCrop value = record.value();
    assertThat(value.getCropId()).isEqualTo(CropIds.of("s1", 7, 1));
    assertThat(value.getFrameTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_280L));
    assertThat(value.getIngestTimestamp()).isEqualTo(CLOCK.instant());
    assertThat(value.getFrameNumber()).isEqualTo(7);
    assertThat(value.getFaceIndex()).isEqualTo(1);
    assertThat(value.getTrackId()).isEqualTo("t2");
    assertThat(value.getBoundingBox().getX()).isEqualTo(10);
    assertThat(value.getBoundingBox().getFrameWidth()).isEqualTo(1280);
    assertThat(value.getWidth()).isEqualTo(48);
    assertThat(value.getPixels().remaining()).isEqualTo(2304);
    assertThat(value.getLabel()).isEqualTo(Emotion.SAD);
    assertThat(value.getProducer()).containsEntry("source.type", "video").containsEntry("tag.site", "lab")
        .containsEntry("source.ref", "clip.mp4");
    assertThat(stats.cropsSent()).isEqualTo(1);
    assertThat(stats.cropsAcked()).isEqualTo(1);
  }

  @Test
  void shouldCountAFailedDeliveryAndRefuseFurtherCrops() throws Exception {
    MockProducer<String, FaceCrop> mock = producer(false);
    IngestStats stats = new IngestStats();
    KafkaCropPublisher publisher = new KafkaCropPublisher(mock, "face-crops", new FaceCrops(Map.of(), CLOCK), stats);
    publisher.publish(crop(0, 0));
    publisher.publish(crop(0, 1));
    mock.completeNext();
    mock.errorNext(new RecordTooLargeException("batch too large"));
    assertThat(stats.cropsAcked()).isEqualTo(1);
    assertThat(stats.deliveryFailures()).isEqualTo(1);
    assertThat(stats.firstDeliveryError()).contains("RecordTooLargeException").contains("batch too large");
    assertThatThrownBy(() -> publisher.publish(crop(1, 0))).isInstanceOf(PublishException.class)
        .hasMessageContaining("stopped publishing after a failed delivery");
  }

  @Test
  void shouldEndTheRunWithExitCodeOneWhenADeliveryFails() {
    MockProducer<String, FaceCrop> mock = producer(false);
    IngestStats stats = new IngestStats();
    KafkaCropPublisher publisher = new KafkaCropPublisher(mock, "face-crops", new FaceCrops(Map.of(), CLOCK), stats);
    Source source = new Source() {
      long frame;

      @Override
      public Step next() {
        if (frame == 1) {
          mock.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        }
        return frame < 5 ? new Step(frame * 100, 1, List.of(crop(frame++, 0))) : null;
      }

      @Override
      public OptionalLong expectedFrames() {
        return OptionalLong.of(5);
      }

      @Override
      public Map<String, String> metadata() {
        return Map.of();
      }

      @Override
      public void close() {
      }
    };
    IngestSummary summary = new IngestRunner(Pacer.none(), ProgressBar.silent(), 0, new AtomicBoolean())
        .run("test", "face-crops", source, publisher, stats);
    assertThat(summary.outcome()).isEqualTo(IngestSummary.Outcome.PUBLISH_FAILED);
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(summary.render()).contains("failed 1").contains("broker gone");
  }
}
