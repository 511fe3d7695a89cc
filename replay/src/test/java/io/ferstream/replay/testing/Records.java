package io.ferstream.replay.testing;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.Emotion;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.EmotionProbabilities;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.testing.KafkaCluster;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds and publishes the records replay tests read. */
public final class Records {

  public static final Emotion[] ORDER = Emotion.values(); // model output order (checked by the schema's doc)

  private Records() {}

  /** Topics on {@code cluster} with the given topic-name overrides (keys of FerStreamConfig). */
  public static Topics topics(KafkaCluster cluster, Map<String, String> names) {
    Map<String, Object> settings = new HashMap<>(names);
    settings.put(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    return Topics.from(new FerStreamConfig(settings));
  }

  public static FaceCrop crop(String cropId, String session, long frame, byte[] pixels, Integer label) {
    return FaceCrop.newBuilder()
        .setCropId(cropId)
        .setSessionId(session)
        .setFrameTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + frame))
        .setFrameNumber(frame)
        .setFaceIndex(0)
        .setPixels(ByteBuffer.wrap(pixels))
        .setLabel(label == null ? null : ORDER[label])
        .setIngestTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + frame))
        .build();
  }

  public static LabelledFeedback feedback(String cropId, String session, int label, long when) {
    return LabelledFeedback.newBuilder()
        .setCropId(cropId)
        .setSessionId(session)
        .setLabel(ORDER[label])
        .setLabeller("test")
        .setLabelledTimestamp(Instant.ofEpochMilli(when))
        .build();
  }

  public static EmotionEvent event(String cropId, String session, String release, int predicted, Integer label) {
    float[] p = {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
    p[predicted] = 0.5f;
    return EmotionEvent.newBuilder()
        .setCropId(cropId)
        .setSessionId(session)
        .setFrameTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
        .setIngestTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
        .setClassifiedTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
        .setProbabilities(new EmotionProbabilities(p[0], p[1], p[2], p[3], p[4], p[5]))
        .setPredicted(ORDER[predicted])
        .setConfidence(0.5f)
        .setModelReleaseId(release)
        .setEnsembleSize(1)
        .setBatchSize(1)
        .setLabel(label == null ? null : ORDER[label])
        .build();
  }
}
