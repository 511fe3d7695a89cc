package io.ferstream.serde.testing;

import io.ferstream.schemas.BoundingBox;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.FaceCrop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Records used across tests; values mirror the JavaScript interop cases in src/test/node/cases.js. */
public final class Samples {

  public static final Instant FRAME_TIME = Instant.ofEpochMilli(1767225600123L);
  public static final Instant INGEST_TIME = Instant.ofEpochMilli(1767225600456L);
  public static final Instant CLASSIFIED_TIME = Instant.ofEpochMilli(1767225600789L);

  private Samples() {
  }

  /** 48x48 pixels with every byte value represented. */
  public static byte[] pixels() {
    byte[] pixels = new byte[48 * 48];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7 % 256);
    }
    return pixels;
  }

  public static FaceCrop faceCrop() {
    Map<String, String> producer = new LinkedHashMap<>();
    producer.put("source", "webcam");
    producer.put("host", "edge-01");
    return FaceCrop.newBuilder()
        .setCropId("crop-0001")
        .setSessionId("session-\u03a9")
        .setFrameTimestamp(FRAME_TIME)
        .setFrameNumber(42)
        .setFaceIndex(1)
        .setTrackId("track-7")
        .setBoundingBox(new BoundingBox(10, 20, 96, 96, 640, 480))
        .setWidth(48)
        .setHeight(48)
        .setPixels(ByteBuffer.wrap(pixels()))
        .setLabel(Emotion.HAPPY)
        .setIngestTimestamp(INGEST_TIME)
        .setProducer(producer)
        .build();
  }

  public static EmotionEvent emotionEvent() {
    return EmotionEvent.newBuilder()
        .setCropId("crop-0001")
        .setSessionId("session-\u03a9")
        .setFrameTimestamp(FRAME_TIME)
        .setFrameNumber(42)
        .setIngestTimestamp(INGEST_TIME)
        .setClassifiedTimestamp(CLASSIFIED_TIME)
        .setProbabilities(new EmotionProbabilities(0.05f, 0.02f, 0.1f, 0.03f, 0.7f, 0.1f))
        .setPredicted(Emotion.SURPRISE)
        .setConfidence(0.7f)
        .setModelReleaseId("rel-2026-01")
        .setEnsembleSize(3)
        .setBatchSize(16)
        .setQueueDelayMs(12)
        .setTrackId(null)
        .setLabel(null)
        .build();
  }

  /** The FaceCrop schema before tracking, boxes, labels and producer metadata were added. */
  public static Schema faceCropV0Schema() {
    return resourceSchema("/evolution/FaceCrop-v0.avsc");
  }

  /** A FaceCrop as an old producer writes it, as a generic record of {@link #faceCropV0Schema()}. */
  public static GenericRecord faceCropV0() {
    GenericRecord record = new GenericData.Record(faceCropV0Schema());
    record.put("cropId", "crop-old");
    record.put("sessionId", "session-old");
    record.put("frameTimestamp", FRAME_TIME.toEpochMilli());
    record.put("frameNumber", 7L);
    record.put("faceIndex", 0);
    record.put("pixels", ByteBuffer.wrap(pixels()));
    record.put("ingestTimestamp", INGEST_TIME.toEpochMilli());
    return record;
  }

  public static Schema resourceSchema(String path) {
    try (InputStream in = Samples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
