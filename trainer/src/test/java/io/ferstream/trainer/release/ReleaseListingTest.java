package io.ferstream.trainer.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferstream.schemas.ReleaseAction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReleaseListingTest {

  @TempDir Path dir;

  private ReleaseListing listing() throws Exception {
    ReleaseStore store = new ReleaseStore(dir.resolve("store"));
    store.put(Bundles.manifestOnly("on-topic", null, 0));
    store.put(Bundles.manifestOnly("compacted-away", null, 0));
    Path repo = Files.createDirectories(dir.resolve("releases"));
    Files.write(repo.resolve("shipped-1.zip"), Bundles.manifestOnly("shipped-1", null, 0));
    Files.write(repo.resolve("shipped-2.zip"), Bundles.manifestOnly("shipped-2", "shipped-1", 0));
    Files.writeString(repo.resolve("LATEST"), "shipped-2.zip\n");
    ReleaseEntry entry = new ReleaseEntry("on-topic", ReleaseAction.PROMOTE, "compacted-away", "ref4x2",
        Map.of("publictest.accuracy", 0.6123), Instant.EPOCH, Instant.parse("2026-11-29T10:00:00Z"), 0, 7, "live",
        ArtifactTransport.INLINE, null, 1234, "ab".repeat(32));
    RepositoryReleases repository = new RepositoryReleases(repo);
    return new ReleaseListing(new ReleaseHistory("model-releases", List.of(entry), 1), store.list(),
        repository.path(), repository.list());
  }

  @Test
  void shouldMarkTheLiveReleaseTheStoreOnlyOnesAndTheRepositoryDefault() throws Exception {
    StringWriter text = new StringWriter();
    listing().printText(new PrintWriter(text, true));

    assertThat(text.toString())
        .contains("model-releases: 1 record(s), 1 skipped")
        .containsPattern("(?m)^  \\* +7  PROMOTE   on-topic +compacted-away +ref4x2 +2026-11-29 10:00:00 inline +1,234 +"
            + "0\\.6123  abababababab$")
        .contains("release store: 2 release(s), 1 not on the topic")
        .containsPattern("(?m)^    compacted-away ")
        .containsPattern("(?m)^  L shipped-2 .*\\(LATEST: the default release\\)$")
        .containsPattern("(?m)^    shipped-1 ");
  }

  @Test
  void shouldPrintTheSameAsJson() throws Exception {
    StringWriter json = new StringWriter();
    listing().printJson(new PrintWriter(json, true));

    JsonNode root = new ObjectMapper().readTree(json.toString());
    assertThat(root.get("live").asText()).isEqualTo("on-topic");
    assertThat(root.get("history").get(0).get("offset").asLong()).isEqualTo(7);
    assertThat(root.get("history").get(0).get("live").asBoolean()).isTrue();
    assertThat(root.get("store")).hasSize(2);
    assertThat(root.get("store").get(0).get("releaseId").asText()).isEqualTo("compacted-away");
    assertThat(root.get("store").get(0).get("onTopic").asBoolean()).isFalse();
    assertThat(root.get("repository").get("releases").get(1).get("latest").asBoolean()).isTrue();
  }

  @Test
  void shouldKeepTheBundleBuilderAsReleaseBuild() {
    CommandLine release = new CommandLine(new ReleaseCommand());

    assertThat(release.getSubcommands()).containsOnlyKeys("list", "promote", "rollback", "build");
    assertThat(release.getSubcommands().get("build").getCommandSpec().findOption("--run")).isNotNull();
    assertThat(release.getSubcommands().get("build").getCommandSpec().findOption("--out").required()).isTrue();
  }
}
