package io.ferstream.trainer.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferstream.trainer.release.RepositoryReleases.RepositoryRelease;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders what {@code release list} found, as a text table or JSON: the topic's history (live release marked), the
 * archived releases the topic no longer (or never) mentions, and the repository's releases (LATEST marked).
 */
public record ReleaseListing(ReleaseHistory history, List<StoredRelease> stored, Path repositoryPath,
    List<RepositoryRelease> repository) {

  /** The metric shown in the table: PublicTest accuracy as served (with the bundle's test-time augmentation). */
  static final String ACCURACY = "publictest.accuracy";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReleaseListing {
    stored = List.copyOf(stored);
    repository = List.copyOf(repository);
  }

  /** Archived releases that no surviving record of the topic names. */
  public List<StoredRelease> storeOnly() {
    Set<String> onTopic = history.entries().stream().map(ReleaseEntry::releaseId).collect(Collectors.toSet());
    return stored.stream().filter(s -> !onTopic.contains(s.releaseId())).toList();
  }

  public void printText(PrintWriter out) {
    ReleaseEntry live = history.live().orElse(null);
    out.printf("%s: %d record(s)%s%n", history.topic(), history.entries().size(),
        history.skipped() > 0 ? ", " + history.skipped() + " skipped (tombstones or undecodable)" : "");
    if (!history.isEmpty()) {
      out.printf("  %-1s %6s  %-8s  %-32s %-24s %-12s %-19s %-9s %12s %8s  %s%n", "", "offset", "action", "release",
          "parent", "architecture", "published (UTC)", "transport", "bytes", "accuracy", "sha256");
      for (ReleaseEntry e : history.entries()) {
        out.printf(Locale.ROOT, "  %-1s %6d  %-8s  %-32s %-24s %-12s %-19s %-9s %,12d %8s  %s%n", e == live ? "*" : "",
            e.offset(), e.action(), e.releaseId(), dash(e.parentReleaseId()), e.architecture(),
            TIME.format(e.recordTimestamp()), e.transport().name().toLowerCase(Locale.ROOT), e.sizeBytes(),
            accuracy(e.metrics()), shortSha(e.sha256()));
      }
      out.printf("  * live: %s%n", live.releaseId());
    } else {
      out.println("  no release on the topic: classifiers serve the repository's default release (LATEST below)");
    }
    List<StoredRelease> only = storeOnly();
    out.printf("%nrelease store: %d release(s), %d not on the topic%n", stored.size(), only.size());
    for (StoredRelease s : only) {
      out.printf(Locale.ROOT, "    %-32s %-24s %-12s %-19s %,12d %8s  %s%n", s.releaseId(),
          dash(s.info().parentReleaseId()), s.info().architecture(), time(s.info().createdAt()), s.sizeBytes(),
          accuracy(s.info().metrics()), s.path());
    }
    out.printf("%nrepository releases (%s): %d%n", repositoryPath, repository.size());
    for (RepositoryRelease r : repository) {
      out.printf(Locale.ROOT, "  %-1s %-32s %-12s %-19s %,12d %8s  %s%s%n", r.latest() ? "L" : "", r.releaseId(),
          r.info() == null ? "?" : r.info().architecture(), r.info() == null ? "-" : time(r.info().createdAt()),
          r.sizeBytes(), r.info() == null ? "-" : accuracy(r.info().metrics()), r.path().getFileName(),
          r.latest() ? "  (LATEST: the default release)" : "");
    }
  }

  public void printJson(PrintWriter out) throws java.io.IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("topic", history.topic());
    root.put("live", history.live().map(ReleaseEntry::releaseId).orElse(null));
    root.put("skipped", history.skipped());
    List<Map<String, Object>> records = new ArrayList<>();
    ReleaseEntry live = history.live().orElse(null);
    for (ReleaseEntry e : history.entries()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("releaseId", e.releaseId());
      m.put("action", e.action().name());
      m.put("live", e == live);
      m.put("parentReleaseId", e.parentReleaseId());
      m.put("architecture", e.architecture());
      m.put("metrics", e.metrics());
      m.put("createdTimestamp", iso(e.createdTimestamp()));
      m.put("recordTimestamp", iso(e.recordTimestamp()));
      m.put("partition", e.partition());
      m.put("offset", e.offset());
      m.put("channel", e.channel());
      m.put("transport", e.transport().name().toLowerCase(Locale.ROOT));
      m.put("artifactUri", e.artifactUri());
      m.put("sizeBytes", e.sizeBytes());
      m.put("sha256", e.sha256());
      records.add(m);
    }
    root.put("history", records);
    Set<String> only = storeOnly().stream().map(StoredRelease::releaseId).collect(Collectors.toSet());
    List<Map<String, Object>> store = new ArrayList<>();
    for (StoredRelease s : stored) {
      Map<String, Object> m = info(s.info());
      m.put("onTopic", !only.contains(s.releaseId()));
      m.put("path", s.path().toString());
      m.put("sizeBytes", s.sizeBytes());
      m.put("sha256", s.sha256());
      store.add(m);
    }
    root.put("store", store);
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("path", repositoryPath.toString());
    List<Map<String, Object>> shipped = new ArrayList<>();
    for (RepositoryRelease r : repository) {
      Map<String, Object> m = r.info() == null ? new LinkedHashMap<>() : info(r.info());
      m.putIfAbsent("releaseId", r.releaseId());
      m.put("latest", r.latest());
      m.put("path", r.path().toString());
      m.put("sizeBytes", r.sizeBytes());
      shipped.add(m);
    }
    repo.put("releases", shipped);
    root.put("repository", repo);
    out.println(JSON.writeValueAsString(root));
  }

  private static Map<String, Object> info(ReleaseInfo i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("releaseId", i.releaseId());
    m.put("parentReleaseId", i.parentReleaseId());
    m.put("architecture", i.architecture());
    m.put("metrics", i.metrics());
    m.put("createdTimestamp", iso(i.createdAt()));
    return m;
  }

  private static String accuracy(Map<String, Double> metrics) {
    Double a = metrics.get(ACCURACY);
    return a == null ? "-" : String.format(Locale.ROOT, "%.4f", a);
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private static String shortSha(String sha) {
    return sha == null ? "-" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
