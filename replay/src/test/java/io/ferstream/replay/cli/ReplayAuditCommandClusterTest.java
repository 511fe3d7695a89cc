package io.ferstream.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.model.eval.McNemar;
import io.ferstream.replay.audit.AuditReport;
import io.ferstream.replay.evaluate.ReplayReport;
import io.ferstream.replay.testing.Records;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.LabelledFeedback;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay audit} on a real broker: live and shadow events joined with feedback, numbers checked exactly. */
class ReplayAuditCommandClusterTest {

  private static final long T0 = 1_795_960_800_000L; // 2026-11-29T14:00:00Z
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  @ClusterTest
  void shouldAuditLiveAndShadowEventsAgainstFeedback(KafkaCluster cluster) throws Exception {
    String events = cluster.uniqueTopic("emotion-events");
    String shadow = cluster.uniqueTopic("emotion-events-shadow");
    String feedback = cluster.uniqueTopic("labelled-feedback");
    cluster.createTopic(events, 3);
    cluster.createTopic(shadow, 3);
    cluster.createTopic(feedback, 1);
    Topics topics = Records.topics(cluster, Map.of(FerStreamConfig.TOPIC_EMOTION_EVENTS, events,
        FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW, shadow, FerStreamConfig.TOPIC_LABELLED_FEEDBACK, feedback));
    try (KafkaProducer<String, EmotionEvent> p = new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(),
            topics.emotionEvents().valueSerde().serializer());
        KafkaProducer<String, LabelledFeedback> f = new KafkaProducer<>(cluster.producerConfig(),
            new StringSerializer(), topics.labelledFeedback().valueSerde().serializer())) {
      // Hour 0: release r1 scores 10 crops of session a, all labelled i % 6 in the event, predicts 2 -> right on 2, 8.
      for (int i = 0; i < 10; i++) {
        p.send(new ProducerRecord<>(events, null, T0 + i, "a", Records.event("c" + i, "a", "r1", 2, i % 6)));
      }
      // Hour 1: release r2 scores 6 crops of session b without labels, predicts i % 6; feedback labels 4 of them
      // (c10..c13, predicted 4, 5, 0, 1, labelled 4, 5, 1, 0: right on c10, c11).
      for (int i = 10; i < 16; i++) {
        p.send(new ProducerRecord<>(events, null, T0 + HOUR + i, "b", Records.event("c" + i, "b", "r2", i % 6, null)));
      }
      // The shadow release scored crops c0..c9: always right on the even ones, class 0 on the odd ones.
      for (int i = 0; i < 10; i++) {
        int predicted = i % 2 == 0 ? i % 6 : 0;
        p.send(new ProducerRecord<>(shadow, null, T0 + i, "a", Records.event("c" + i, "a", "cand", predicted, i % 6)));
      }
      int[] labels = {4, 5, 1, 0};
      for (int i = 0; i < 4; i++) {
        f.send(new ProducerRecord<>(feedback, "c" + (10 + i), Records.feedback("c" + (10 + i), "b", labels[i], 1)));
      }
    }

    CommandLine cli = new CommandLine(new ReplayAuditCommand());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    Path report = dir.resolve("audit");
    int exit = cli.execute("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
        cluster.schemaRegistryUrl(), "-D", FerStreamConfig.TOPIC_EMOTION_EVENTS + "=" + events, "-D",
        FerStreamConfig.TOPIC_EMOTION_EVENTS_SHADOW + "=" + shadow, "-D",
        FerStreamConfig.TOPIC_LABELLED_FEEDBACK + "=" + feedback, "--from", "2026-11-29T14:00:00Z", "--to",
        "2026-11-29T16:00:00Z", "--out", report.toString());

    String text = out.toString();
    assertThat(exit).as(text).isZero();
    assertThat(text).contains("16 live events, 14 with ground truth");
    assertThat(text).containsPattern("r1 +10 +10 +20\\.00%");
    assertThat(text).containsPattern("r2 +6 +4 +50\\.00%");
    // Shadow: 5 even crops right + c0.. odd ones wrong except none labelled 0 among odd (1,3,5,7,9 -> 1,3,5,1,3).
    assertThat(text).containsPattern("cand +10 +50\\.00%");
    // Paired on c0..c9: live right on c2, c8; shadow right on c0, c2, c4, c6, c8 -> only live 0, only shadow 3.
    assertThat(text).contains("McNemar p-value = " + ReplayReport.p(McNemar.test(0, 3).pValue()));
    assertThat(text).containsPattern("2026-11-29T14:00 +10 +10 +20\\.00%");
    assertThat(text).containsPattern("2026-11-29T15:00 +6 +4 +50\\.00%");
    assertThat(report.resolve(AuditReport.ACCURACY_PNG)).isRegularFile();
    assertThat(report.resolve(AuditReport.CLASS_MIX_PNG)).isRegularFile();
    assertThat(Files.readString(report.resolve(AuditReport.MARKDOWN))).contains("| a | 10 | 10 | 20.00% | r1 |");
    assertThat(report.resolve(AuditReport.HTML)).isRegularFile();
  }
}
