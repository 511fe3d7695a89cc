package io.ferstream.ingest.config;

import io.ferstream.common.config.FerStreamConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Settings of the ingest producers: the shared FerStream keys plus the producer settings ingest chooses its
 * own defaults for (so that they can also be set as FERSTREAM_* environment variables). Every other Kafka
 * producer or serde key passes through unchanged ({@code -D max.request.size=...}).
 */
public class IngestConfig extends FerStreamConfig {

  public static final String COMPRESSION_TYPE = "compression.type";
  public static final String COMPRESSION_TYPE_DOC = "Producer compression of face-crops batches: zstd (default: "
      + "video crops half their raw size on the broker, a third smaller than lz4, for microseconds of CPU per crop "
      + "next to the milliseconds of detection) or lz4; none, gzip and snappy also work.";
  public static final String COMPRESSION_TYPE_DEFAULT = "zstd";

  public static final String LINGER_MS = "linger.ms";
  public static final String LINGER_MS_DOC = "How long the producer waits to fill a batch; crops come in bursts "
      + "per frame, so a few ms batch a frame's faces together at no visible latency.";
  public static final long LINGER_MS_DEFAULT = 20;

  public static final String BATCH_SIZE = "batch.size";
  public static final String BATCH_SIZE_DOC = "Largest producer batch per partition, bytes (a crop is ~2.5 KB).";
  public static final int BATCH_SIZE_DEFAULT = 256 * 1024;

  public static ConfigDef configDef() {
    return baseConfigDef()
        .define(COMPRESSION_TYPE, Type.STRING, COMPRESSION_TYPE_DEFAULT,
            ValidString.in("none", "gzip", "snappy", "lz4", "zstd"), Importance.MEDIUM, COMPRESSION_TYPE_DOC)
        .define(LINGER_MS, Type.LONG, LINGER_MS_DEFAULT, Range.between(0, 60_000), Importance.LOW, LINGER_MS_DOC)
        .define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, Range.between(0, 64 * 1024 * 1024), Importance.LOW,
            BATCH_SIZE_DOC);
  }

  public IngestConfig(Map<?, ?> props) {
    super(configDef(), props);
  }

  public String faceCropsTopic() {
    return getString(TOPIC_FACE_CROPS);
  }
}
