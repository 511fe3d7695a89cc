package io.ferstream.trainer.release;

import io.ferstream.common.config.FerStreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of release management ({@code ferstream release ...}), on top of FerStream's shared ones. */
public class ReleaseConfig extends FerStreamConfig {

  public static final String RELEASE_STORE_DIR = "release.store.dir";
  public static final String RELEASE_STORE_DIR_DOC = "Directory archiving every published bundle as <releaseId>.zip "
      + "(with a .sha256 file): rollbacks take bundles from it once compaction has removed their records, and "
      + "file: references point into it, so classifiers reading references must see the same path.";
  public static final String RELEASE_STORE_DIR_DEFAULT = ".ferstream/releases";

  public static final String RELEASE_PUBLISH_CHANNEL = "release.publish.channel";
  public static final String RELEASE_PUBLISH_CHANNEL_DOC = "Key of the model-releases records published (the release "
      + "channel; compaction keeps its last record). Classifiers follow it when their release.channel is empty or "
      + "equal to it.";
  public static final String RELEASE_PUBLISH_CHANNEL_DEFAULT = "live";

  public static final String RELEASE_REFERENCE_BASE_URI = "release.reference.base.uri";
  public static final String RELEASE_REFERENCE_BASE_URI_DOC = "Base of the artifactUri of releases published by "
      + "reference: http(s)://host/path/ + <releaseId>.zip, for a web server serving release.store.dir. Empty "
      + "publishes the file: URI of the bundle in release.store.dir.";
  public static final String RELEASE_REFERENCE_BASE_URI_DEFAULT = "";

  /** The classifier's key, read here to list the repository's default releases as the classifier finds them. */
  public static final String RELEASE_DEFAULT_PATH = "release.default.path";
  public static final String RELEASE_DEFAULT_PATH_DOC = "The repository's default releases (a directory with a LATEST "
      + "file, or a zip), as the classifier resolves it: when not set, releases under the ferstream.home system "
      + "property when that is set, else relative to the working directory.";
  public static final String RELEASE_DEFAULT_PATH_DEFAULT = "releases";


  public static final String RELEASE_TIMEOUT_MS = "release.timeout.ms";
  public static final String RELEASE_TIMEOUT_MS_DOC = "Longest wait for Kafka when reading model-releases to its end, "
      + "describing it, and for a published record's acknowledgement.";
  public static final long RELEASE_TIMEOUT_MS_DEFAULT = 60_000;

  private static final ConfigDef.Validator BASE_URI = ConfigDef.LambdaValidator.with((name, value) -> {
    String text = (String) value;
    if (text == null || text.isBlank()) {
      return;
    }
    try {
      String scheme = URI.create(text.trim()).getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")
          || scheme.equalsIgnoreCase("file"))) {
        throw new ConfigException(name, value, "must be an http:, https: or file: URI, or empty");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "is not a URI: " + e.getMessage());
    }
  }, () -> "an http:, https: or file: URI, or empty");

  public static ConfigDef configDef() {
    return baseConfigDef()
        .define(RELEASE_STORE_DIR, Type.STRING, RELEASE_STORE_DIR_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
            RELEASE_STORE_DIR_DOC)
        .define(RELEASE_PUBLISH_CHANNEL, Type.STRING, RELEASE_PUBLISH_CHANNEL_DEFAULT, new NonEmptyString(),
            Importance.LOW, RELEASE_PUBLISH_CHANNEL_DOC)
        .define(RELEASE_REFERENCE_BASE_URI, Type.STRING, RELEASE_REFERENCE_BASE_URI_DEFAULT, BASE_URI, Importance.LOW,
            RELEASE_REFERENCE_BASE_URI_DOC)
        .define(RELEASE_DEFAULT_PATH, Type.STRING, RELEASE_DEFAULT_PATH_DEFAULT, new NonEmptyString(),
            Importance.LOW, RELEASE_DEFAULT_PATH_DOC)
        .define(RELEASE_TIMEOUT_MS, Type.LONG, RELEASE_TIMEOUT_MS_DEFAULT, Range.between(1, 3_600_000),
            Importance.LOW, RELEASE_TIMEOUT_MS_DOC);
  }

  public ReleaseConfig(Map<?, ?> props) {
    super(configDef(), props);
  }

  /** For configurations that add keys to {@link #configDef()} (the trainer's). */
  protected ReleaseConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props);
  }

  /**
   * The release store, resolved like the default releases path: as given when set, else under {@value
   * #FERSTREAM_HOME_PROPERTY} when that is set, so the trainer and {@code ferstream release} share one store whatever
   * their working directories.
   */
  public Path storeDir() {
    return installationPath(RELEASE_STORE_DIR);
  }

  public String publishChannel() {
    return getString(RELEASE_PUBLISH_CHANNEL);
  }

  /** The reference base, or null for file: references into the store. */
  public URI referenceBase() {
    String base = getString(RELEASE_REFERENCE_BASE_URI);
    return base == null || base.isBlank() ? null : URI.create(base.trim());
  }

  /** The default releases path, resolved exactly as the classifier's {@code ClassifierConfig#releaseDefaultPath}. */
  public Path releaseDefaultPath() {
    return installationPath(RELEASE_DEFAULT_PATH);
  }

  public Duration timeout() {
    return Duration.ofMillis(getLong(RELEASE_TIMEOUT_MS));
  }

  public String modelReleasesTopic() {
    return getString(TOPIC_MODEL_RELEASES);
  }
}
