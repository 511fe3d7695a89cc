package io.ferstream.ingest.publish;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.CropIds;
import io.ferstream.ingest.core.FaceBox;
import io.ferstream.schemas.BoundingBox;
import io.ferstream.schemas.FaceCrop;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds the Avro {@link FaceCrop} of a {@link Crop}: id, ingest time and producer metadata added. */
public final class FaceCrops {

  private final Map<String, String> producer;
  private final Clock clock;

  /** @param producer metadata every crop carries (source, detector, host, version, user tags) */
  public FaceCrops(Map<String, String> producer, Clock clock) {
    this.producer = Map.copyOf(producer);
    this.clock = clock;
  }

  public FaceCrop toAvro(Crop crop) {
    Map<String, String> meta = producer;
    if (crop.sourceRef() != null) {
      meta = new HashMap<>(producer);
      meta.put("source.ref", crop.sourceRef());
    }
    FaceBox b = crop.box();
    return FaceCrop.newBuilder()
        .setCropId(CropIds.of(crop))
        .setSessionId(crop.sessionId())
        .setFrameTimestamp(Instant.ofEpochMilli(crop.frameTimestampMillis()))
        .setFrameNumber(crop.frameNumber())
        .setFaceIndex(crop.faceIndex())
        .setTrackId(crop.trackId())
        .setBoundingBox(b == null ? null
            : new BoundingBox(b.x(), b.y(), b.width(), b.height(), b.frameWidth(), b.frameHeight()))
        .setWidth(Crop.SIDE)
        .setHeight(Crop.SIDE)
        .setPixels(ByteBuffer.wrap(crop.pixels()))
        .setLabel(crop.label())
        .setIngestTimestamp(clock.instant())
        .setProducer(meta)
        .build();
  }
}
