package io.ferstream.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.model.arch.Architectures;
import io.ferstream.model.eval.McNemar;
import io.ferstream.model.eval.Metrics;
import io.ferstream.model.eval.ReportWriter;
import io.ferstream.model.preprocess.Preprocessing;
import io.ferstream.model.release.Ensemble;
import io.ferstream.model.release.ReleaseWriter;
import io.ferstream.model.release.TestTimeAugmentation;
import io.ferstream.replay.evaluate.ReplayReport;
import io.ferstream.replay.testing.KnownEngine;
import io.ferstream.replay.testing.Records;
import io.ferstream.schemas.FaceCrop;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine;

/**
 * {@code replay evaluate} end to end on a real broker: recorded crops with known labels (own and from
 * labelled-feedback), releases whose predictions are known, metrics checked exactly.
 */
class ReplayEvaluateCommandClusterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private static Run run(ReplayEvaluateCommand command, KafkaCluster cluster, String... args) {
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(System.err, true));
    List<String> all = new ArrayList<>(List.of("--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry-url", cluster.schemaRegistryUrl()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(new String[0]));
    return new Run(exit, out.toString());
  }

  @ClusterTest
  void shouldScoreRecordedCropsWithKnownReleasesExactly(KafkaCluster cluster) throws Exception {
    String crops = cluster.uniqueTopic("face-crops");
    String feedback = cluster.uniqueTopic("labelled-feedback");
    cluster.createTopic(crops, 3);
    cluster.createTopic(feedback, 2);
    Topics topics = Records.topics(cluster, Map.of(FerStreamConfig.TOPIC_FACE_CROPS, crops,
        FerStreamConfig.TOPIC_LABELLED_FEEDBACK, feedback));
    try (KafkaProducer<String, FaceCrop> p = new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(),
            topics.faceCrops().valueSerde().serializer());
        KafkaProducer<String, LabelledFeedback> f = new KafkaProducer<>(cluster.producerConfig(),
            new StringSerializer(), topics.labelledFeedback().valueSerde().serializer());
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < 30; i++) {
        byte[] pixels = new byte[2304];
        pixels[0] = (byte) (i % 6);
        // Crops 0..23 carry their label: i % 6, except every fourth, labelled (i + 1) % 6; 24..29 carry none.
        Integer label = i < 24 ? Integer.valueOf(i % 4 == 0 ? (i + 1) % 6 : i % 6) : null;
        String session = "s" + (i % 3);
        p.send(new ProducerRecord<>(crops, session, Records.crop("crop-" + i, session, i, pixels, label)));
      }
      raw.send(new ProducerRecord<>(crops, "s0", new byte[] {1, 2, 3})); // not a FaceCrop: counted as invalid
      // Feedback labels crops 24..27 (i % 6) and corrects crop 0 to 0; an older label for crop 0 loses.
      for (int i = 24; i < 28; i++) {
        f.send(new ProducerRecord<>(feedback, "crop-" + i, Records.feedback("crop-" + i, "s" + (i % 3), i % 6, 10)));
      }
      f.send(new ProducerRecord<>(feedback, "crop-0", Records.feedback("crop-0", "s0", 0, 20)));
      f.send(new ProducerRecord<>(feedback, "crop-0", Records.feedback("crop-0", "s0", 3, 5)));
    }

    ReplayEvaluateCommand command = new ReplayEvaluateCommand();
    List<KnownEngine> loaded = new ArrayList<>();
    command.releaseSource = name -> {
      KnownEngine e = name.equals("A") ? KnownEngine.modulo("A") : new KnownEngine("B", v -> (v + 1) % 6);
      loaded.add(e);
      return e;
    };
    Path out = dir.resolve("report");
    Run run = run(command, cluster, "--topic", crops, "-D", FerStreamConfig.TOPIC_LABELLED_FEEDBACK + "=" + feedback,
        "--from", "earliest", "--to", "latest", "--release", "A", "--release", "B", "--batch-size", "4",
        "--out", out.toString());

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(loaded).allMatch(KnownEngine::closed);
    // 28 labelled crops (0..23 own, 24..27 feedback); A right on 18 own + crop 0 (feedback) + 4 = 23; B on 5.
    JsonNode a = JSON.readTree(out.resolve("A").resolve(ReportWriter.JSON).toFile());
    JsonNode b = JSON.readTree(out.resolve("B").resolve(ReportWriter.JSON).toFile());
    assertThat(a.get("examples").asInt()).isEqualTo(28);
    assertThat(a.get("accuracy").asDouble()).isEqualTo(23 / 28.0);
    assertThat(b.get("accuracy").asDouble()).isEqualTo(5 / 28.0);
    // A's only misses are crops 4, 8, 12, 16, 20 (label (i + 1) % 6, predicted i % 6).
    assertThat(a.get("confusionMatrix").get(5).get(4).asInt()).isEqualTo(2); // crops 4 and 16: Neutral as Surprise
    assertThat(a.get("confusionMatrix").get(1).get(1).asInt()).isEqualTo(5); // crops 1, 7, 13, 19, 25
    double p = McNemar.test(23, 5).pValue();
    assertThat(run.out()).contains("only A right 23, only B right 5").contains("p-value = " + ReplayReport.p(p))
        .contains("28 labelled crops (31 records read: 2 unlabelled, 1 invalid, 0 duplicate ids; 5 labels from "
            + "labelled-feedback)");
    for (String f : List.of(ReplayReport.COMPARISON_MD, ReplayReport.COMPARISON_HTML, ReplayReport.COMPARISON_PNG,
        "A/" + ReportWriter.CONFUSION_PNG, "A/" + ReportWriter.RELIABILITY_PNG, "A/" + ReportWriter.HTML,
        "B/" + ReportWriter.MARKDOWN)) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(Files.readString(out.resolve(ReplayReport.COMPARISON_MD))).contains("p-value = " + ReplayReport.p(p));

    // An empty range: nothing to evaluate, exit code 2, no engine loaded.
    Run none = run(new ReplayEvaluateCommand(), cluster, "--topic", crops, "--from", "latest",
        "--release", "A", "--out", dir.resolve("none").toString());
    assertThat(none.exit()).isEqualTo(2);
  }

  @ClusterTest
  void shouldReplayRealBundlesAsTheirEnsembleScoresThem(KafkaCluster cluster) throws Exception {
    Path r1 = bundle("replay-r1", 7L);
    Path r2 = bundle("replay-r2", 99L);
    String crops = cluster.uniqueTopic("face-crops");
    cluster.createTopic(crops, 2);
    Topics topics = Records.topics(cluster, Map.of(FerStreamConfig.TOPIC_FACE_CROPS, crops));
    SplittableRandom random = new SplittableRandom(3);
    List<byte[]> pixels = new ArrayList<>();
    int[] truth = new int[24];
    try (KafkaProducer<String, FaceCrop> p = new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(),
        topics.faceCrops().valueSerde().serializer())) {
      for (int i = 0; i < 24; i++) {
        byte[] px = new byte[2304];
        for (int j = 0; j < px.length; j++) {
          px[j] = (byte) random.nextInt(256);
        }
        pixels.add(px);
        truth[i] = i % 6;
        // One session, frames in order: the replay's scoring order is this order.
        p.send(new ProducerRecord<>(crops, "s", Records.crop("c" + i, "s", i, px, i % 6)));
      }
    }
    int[] expectedA = Metrics.argmax(Ensemble.load(r1).predictProbabilities(pixels.toArray(new byte[0][])));
    int[] expectedB = Metrics.argmax(Ensemble.load(r2).predictProbabilities(pixels.toArray(new byte[0][])));

    Path out = dir.resolve("real");
    Run run = run(new ReplayEvaluateCommand(), cluster, "--topic", crops, "--labels", "crop", "--engine", "dl4j",
        "--release", r1.toString(), "--release", r2.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.out()).isZero();
    JsonNode a = JSON.readTree(out.resolve("replay-r1").resolve(ReportWriter.JSON).toFile());
    assertThat(a.get("accuracy").asDouble()).isEqualTo(Metrics.accuracy(
        io.ferstream.model.eval.ConfusionMatrix.of(truth, expectedA, 6)));
    assertThat(run.out()).contains("p-value = " + ReplayReport.p(McNemar.test(truth, expectedA, expectedB).pValue()));
  }

  private Path bundle(String id, long seed) throws Exception {
    Path out = dir.resolve(id + ".zip");
    MultiLayerNetwork net = new MultiLayerNetwork(Architectures.REF4.configuration(seed, new Adam(1e-3)));
    net.init();
    ReleaseWriter.builder().releaseId(id).preprocessing(Preprocessing.scaleOnly())
        .testTimeAugmentation(TestTimeAugmentation.NONE)
        .trainingData("0".repeat(64), 0, "DROP", "untrained: random initialisation, for tests")
        .addMember(net, "ref4", Map.of(), "random-init-seed-" + seed)
        .write(out);
    return out;
  }
}
