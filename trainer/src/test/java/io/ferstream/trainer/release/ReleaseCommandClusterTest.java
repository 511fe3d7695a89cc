package io.ferstream.trainer.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.classifier.release.ReleaseCandidate;
import io.ferstream.classifier.release.ReleaseTopicFollower;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.schemas.ReleaseAction;
import io.ferstream.testing.ClusterTest;
import io.ferstream.testing.KafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferstream release promote | list | rollback} on a real broker and registry, with real (tiny) bundles. */
class ReleaseCommandClusterTest {

  private static final int BIG = 8 * 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  @ClusterTest
  void shouldPromoteTwoReleasesListThemAndRollBackToTheFirst(KafkaCluster cluster) throws Exception {
    String topic = releasesTopic(cluster, BIG);
    Path store = dir.resolve("store");
    Path zips = Files.createDirectories(dir.resolve("built"));
    Bundles.tiny(zips, "rel-a", null, 1);
    Bundles.tiny(zips, "rel-b", "rel-a", 2);

    Run first = run(cluster, topic, store, "promote", zips.resolve("rel-a.zip").toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("promoted rel-a on " + topic + "-0@");
    Run second = run(cluster, topic, store, "promote", zips.resolve("rel-b.zip").toString());
    assertThat(second.exit()).as(second.err()).isZero();

    Run list = run(cluster, topic, store, "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("(?m)^    +0  PROMOTE   rel-a ").containsPattern("(?m)^  \\* +1  PROMOTE   rel-b +rel-a ")
        .contains("* live: rel-b").contains("tinyx1").contains("release store: 2 release(s), 0 not on the topic");
    Run json = run(cluster, topic, store, "list", "--json");
    JsonNode listed = new ObjectMapper().readTree(json.out());
    assertThat(listed.get("live").asText()).isEqualTo("rel-b");
    assertThat(listed.get("history")).hasSize(2);
    assertThat(listed.get("history").get(1).get("transport").asText()).isEqualTo("inline");

    Run rollback = run(cluster, topic, store, "rollback");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rolled back to rel-a on " + topic + "-0@2");

    ReleaseLog log = log(cluster, topic);
    ReleaseHistory history = log.read();
    assertThat(history.entries()).extracting(ReleaseEntry::releaseId).containsExactly("rel-a", "rel-b", "rel-a");
    ReleaseEntry live = history.live().orElseThrow();
    assertThat(live.releaseId()).isEqualTo("rel-a");
    assertThat(live.action()).isEqualTo(ReleaseAction.ROLLBACK);
    assertThat(live.channel()).isEqualTo(ReleaseConfig.RELEASE_PUBLISH_CHANNEL_DEFAULT);
    assertThat(live.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(zips.resolve("rel-a.zip"))));
    assertThat(log.inlineBundle(live)).hasValueSatisfying(b -> assertThat(Sha256.hex(b)).isEqualTo(live.sha256()));
    // The classifier's own follower agrees on what is live.
    assertThat(classifierLive(cluster, topic)).hasValueSatisfying(c -> assertThat(c.releaseId()).isEqualTo("rel-a"));

    // Nothing earlier than rel-a: a second rollback is refused with one line, and publishes nothing.
    Run again = run(cluster, topic, store, "rollback");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().strip()).startsWith("ferstream release rollback: error: nothing to roll back to: rel-a is live")
        .doesNotContain("\n");
    assertThat(log.read().entries()).hasSize(3);
  }

  @ClusterTest
  void shouldRollBackFromTheInlineRecordWhenTheStoreNoLongerHasTheBundle(KafkaCluster cluster) throws Exception {
    String topic = releasesTopic(cluster, BIG);
    Path zips = Files.createDirectories(dir.resolve("built"));
    Bundles.tiny(zips, "rel-c", null, 3);
    Bundles.tiny(zips, "rel-d", "rel-c", 4);
    assertThat(run(cluster, topic, dir.resolve("store-1"), "promote", zips.resolve("rel-c.zip").toString()).exit()).isZero();
    assertThat(run(cluster, topic, dir.resolve("store-1"), "promote", zips.resolve("rel-d.zip").toString()).exit()).isZero();

    // Another machine, another (empty) store: the bundle must come from the topic itself.
    Run rollback = run(cluster, topic, dir.resolve("store-2"), "rollback", "--transport", "reference");
    assertThat(rollback.exit()).as(rollback.err()).isZero();

    ReleaseEntry live = log(cluster, topic).read().live().orElseThrow();
    assertThat(live.releaseId()).isEqualTo("rel-c");
    assertThat(live.transport()).isEqualTo(ArtifactTransport.REFERENCE);
    assertThat(live.artifactUri()).isEqualTo(dir.resolve("store-2/rel-c.zip").toAbsolutePath().toUri().toString());
  }

  @ClusterTest
  void shouldRefuseAnInlineBundleOverTheTopicsMaxMessageBytesNamingTheSettingAndTheSize(KafkaCluster cluster)
      throws Exception {
    String topic = releasesTopic(cluster, 20_000);
    byte[] bundle = Bundles.manifestOnly("rel-big", null, 50_000);
    ReleasePublisher publisher = publisher(cluster, topic, dir.resolve("store"));

    ReleaseException e = org.junit.jupiter.api.Assertions.assertThrows(ReleaseException.class,
        () -> publisher.publish(bundle, ReleaseAction.PROMOTE, ArtifactTransport.INLINE));

    assertThat(e.getMessage())
        .contains("release rel-big does not fit in a record on " + topic)
        .contains(String.format(java.util.Locale.ROOT, "the bundle is %,d bytes", bundle.length))
        .contains("max.message.bytes=20,000")
        .contains(FerStreamConfig.TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES)
        .contains("--transport reference");
    assertThat(log(cluster, topic).read().entries()).isEmpty();
    // The same bundle fits by reference.
    PublishedRelease p = publisher.publish(bundle, ReleaseAction.PROMOTE, ArtifactTransport.REFERENCE);
    assertThat(p.offset()).isZero();
    assertThat(p.recordBytes()).isLessThan(20_000);
  }

  @ClusterTest
  void shouldPublishAReferenceToAFileWhoseBytesHashToTheAnnouncedSha256(KafkaCluster cluster) throws Exception {
    String topic = releasesTopic(cluster, BIG);
    Path zips = Files.createDirectories(dir.resolve("built"));
    byte[] bundle = Bundles.tiny(zips, "rel-e", null, 5);
    ReleasePublisher publisher = publisher(cluster, topic, dir.resolve("store"));

    PublishedRelease published = publisher.publish(bundle, ReleaseAction.PROMOTE, ArtifactTransport.REFERENCE);

    ReleaseEntry entry = log(cluster, topic).read().live().orElseThrow();
    assertThat(entry.offset()).isEqualTo(published.offset());
    assertThat(entry.transport()).isEqualTo(ArtifactTransport.REFERENCE);
    assertThat(entry.artifactUri()).startsWith("file:").isEqualTo(published.artifactUri());
    assertThat(entry.sizeBytes()).isEqualTo(bundle.length);
    assertThat(entry.architecture()).isEqualTo("tinyx1");
    assertThat(entry.metrics()).containsEntry("publictest.accuracy", 0.255);
    byte[] referenced = Files.readAllBytes(Path.of(java.net.URI.create(entry.artifactUri())));
    assertThat(Sha256.hex(referenced)).isEqualTo(entry.sha256()).isEqualTo(Sha256.hex(bundle));
    // The classifier fetches and verifies it the same way.
    ReleaseCandidate candidate = classifierLive(cluster, topic).orElseThrow();
    byte[] fetched = new io.ferstream.classifier.release.BundleFetcher(TIMEOUT).fetch(candidate);
    io.ferstream.classifier.release.ReleaseVerifier.verify(candidate, fetched);
  }

  @ClusterTest
  void shouldRefuseToPromoteAnInvalidBundleWithOneLine(KafkaCluster cluster) throws Exception {
    String topic = releasesTopic(cluster, BIG);
    Path notABundle = Files.write(dir.resolve("bogus.zip"), Bundles.manifestOnly("rel-bogus", null, 0));

    Run run = run(cluster, topic, dir.resolve("store"), "promote", notABundle.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("ferstream release promote: error: ").doesNotContain("\n");
    assertThat(log(cluster, topic).read().entries()).isEmpty();
  }

  @ClusterTest
  void shouldReadAMissingTopicAsEmptyAndRefuseToPublishOnIt(KafkaCluster cluster) throws Exception {
    String topic = cluster.uniqueTopic("model-releases-missing");

    assertThat(log(cluster, topic).read().entries()).isEmpty();
    ReleaseException e = org.junit.jupiter.api.Assertions.assertThrows(ReleaseException.class,
        () -> publisher(cluster, topic, dir.resolve("store"))
            .publish(Bundles.manifestOnly("rel-f", null, 0), ReleaseAction.PROMOTE, ArtifactTransport.INLINE));
    assertThat(e.getMessage()).contains("topic " + topic + " does not exist");
    try (var admin = cluster.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain(topic);
    }
  }

  private static String releasesTopic(KafkaCluster cluster, int maxMessageBytes) {
    String topic = cluster.uniqueTopic("model-releases");
    cluster.createTopic(topic, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
    return topic;
  }

  private static FerStreamConfig config(KafkaCluster cluster, String topic) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(FerStreamConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(FerStreamConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl());
    settings.put(FerStreamConfig.TOPIC_MODEL_RELEASES, topic);
    return new FerStreamConfig(settings);
  }

  private static ReleaseLog log(KafkaCluster cluster, String topic) {
    return ReleaseLog.from(config(cluster, topic), TIMEOUT);
  }

  private static ReleasePublisher publisher(KafkaCluster cluster, String topic, Path store) {
    return ReleasePublisher.from(config(cluster, topic), "live", new ReleaseStore(store), TIMEOUT);
  }

  private static Optional<ReleaseCandidate> classifierLive(KafkaCluster cluster, String topic) {
    try (ReleaseTopicFollower follower = new ReleaseTopicFollower(cluster.clientConfig(), topic, "",
        Topics.from(config(cluster, topic)).modelReleases().valueSerde().deserializer(), TIMEOUT,
        new ClassifierMetrics())) {
      return follower.catchUp();
    }
  }

  private Run run(KafkaCluster cluster, String topic, Path store, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
        cluster.schemaRegistryUrl(), "-D", FerStreamConfig.TOPIC_MODEL_RELEASES + "=" + topic, "-D",
        ReleaseConfig.RELEASE_DEFAULT_PATH + "=" + dir.resolve("no-repository-releases"), "--store", store.toString()));
    CommandLine cli = new CommandLine(new ReleaseCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(new String[0]));
    return new Run(exit, out.toString(), err.toString());
  }
}
