package io.ferstream.replay.it;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Step;
import io.ferstream.ingest.publish.FaceCrops;
import io.ferstream.ingest.publish.KafkaCropPublisher;
import io.ferstream.ingest.source.Fer2013Source;
import io.ferstream.model.data.Fer2013Data;
import io.ferstream.testing.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records FER2013 rows on a topic the way {@code ferstream ingest fer2013} does, with ingest's own classes. */
final class Fer2013Recording {

  /** The project's copy of the data set, relative to the module directory or the repository root. */
  static final List<String> CSV_CANDIDATES = List.of("../../shared/fer2013/fer2013-train-publictest.csv.gz",
      "../shared/fer2013/fer2013-train-publictest.csv.gz");

  private Fer2013Recording() {}

  static Optional<Path> csv() {
    String given = System.getProperty("ferstream.fer2013.csv");
    if (given != null) {
      return Optional.of(Path.of(given)).filter(Files::isRegularFile);
    }
    return CSV_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
  }

  /** Publishes every row of {@code data} to {@code topic} (sessions of 60 rows, 4 side by side, as ingest's defaults). */
  static void publish(KafkaCluster cluster, String topic, Fer2013Data data) throws Exception {
    FerStreamConfig config = new FerStreamConfig(Map.of(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl(), FerStreamConfig.TOPIC_FACE_CROPS, topic));
    Topics topics = Topics.from(config);
    IngestStats stats = new IngestStats();
    Fer2013Source source = new Fer2013Source(data, "fer2013", 60, 4, 5, 1_700_000_000_000L, Map.of("source", "fer2013"));
    try (KafkaCropPublisher publisher = KafkaCropPublisher.create(cluster.producerConfig(), topics.faceCrops(),
        new FaceCrops(Map.of("source", "fer2013"), Clock.systemUTC()), stats)) {
      for (Step step = source.next(); step != null; step = source.next()) {
        for (Crop crop : step.crops()) {
          publisher.publish(crop);
        }
      }
      publisher.flush();
    }
  }
}
