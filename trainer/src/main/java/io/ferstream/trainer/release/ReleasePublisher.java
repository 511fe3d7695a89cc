package io.ferstream.trainer.release;

import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.Topics;
import io.ferstream.model.release.ReleaseManifest;
import io.ferstream.schemas.ModelRelease;
import io.ferstream.schemas.ReleaseAction;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a release bundle as a ModelRelease record on model-releases, keyed by the release channel, so that the
 * topic's compaction keeps the channel's last release and classifiers swap to it.
 *
 * <p>The record's fields come from the bundle's own manifest (id, parent, architectures, metrics, build time) and its
 * bytes (sha256, size), so a record cannot disagree with the bundle it announces. Every bundle published is also
 * archived in the {@link ReleaseStore}, whatever the transport: once compaction deletes its record, the store is the
 * only place a rollback can take it from.
 *
 * <p>Inline bundles are checked against the topic's {@code max.message.bytes} before sending, to fail with the
 * setting and the sizes instead of the broker's bare RecordTooLargeException. The producer is idempotent with
 * {@code acks=all}, and {@link #publish} returns only once the record is acknowledged.
 */
public final class ReleasePublisher {

  private static final Logger log = LoggerFactory.getLogger(ReleasePublisher.class);

  /** Record batch header, record framing and key next to the serialized value; generous on purpose. */
  static final int RECORD_OVERHEAD_BYTES = 1024;
  private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
  private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

  private final Map<String, Object> clientConfig;
  private final String topic;
  private final String channel;
  private final Serializer<ModelRelease> serializer;
  private final ReleaseStore store;
  private final Duration timeout;
  private final Integer maxMessageBytes;
  private final URI referenceBase;

  /**
   * @param clientConfig client settings, at least {@code bootstrap.servers}
   * @param channel the record key, e.g. {@code live}; classifiers with {@code release.channel} set follow one key
   * @param serializer ModelRelease values in Confluent's wire format ({@code Topics.modelReleases()})
   * @param store where every published bundle is archived
   * @param timeout the longest to wait for metadata, the topic's configuration and the acknowledgement
   */
  public ReleasePublisher(Map<String, Object> clientConfig, String topic, String channel,
      Serializer<ModelRelease> serializer, ReleaseStore store, Duration timeout) {
    this(clientConfig, topic, channel, serializer, store, timeout, null, null);
  }

  private ReleasePublisher(Map<String, Object> clientConfig, String topic, String channel,
      Serializer<ModelRelease> serializer, ReleaseStore store, Duration timeout, Integer maxMessageBytes,
      URI referenceBase) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = Objects.requireNonNull(topic, "topic");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.store = Objects.requireNonNull(store, "store");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxMessageBytes = maxMessageBytes;
    this.referenceBase = referenceBase;
  }

  /** A publisher on the topic named by {@code topic.model.releases}, with the registry-backed serializer. */
  public static ReleasePublisher from(FerStreamConfig config, String channel, ReleaseStore store, Duration timeout) {
    return new ReleasePublisher(ReleaseClients.producer(config), config.getString(FerStreamConfig.TOPIC_MODEL_RELEASES),
        channel, Topics.from(config).modelReleases().valueSerde().serializer(), store, timeout);
  }

  /**
   * The same publisher with the topic's {@code max.message.bytes} given rather than read from the broker (where
   * describing topic configs is not allowed). The topic is then not checked to exist before producing.
   */
  public ReleasePublisher withMaxMessageBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("max.message.bytes must be positive, was " + bytes);
    }
    return new ReleasePublisher(clientConfig, topic, channel, serializer, store, timeout, bytes, referenceBase);
  }

  /**
   * The same publisher, whose references are {@code base} + the bundle's file name (an HTTP server in front of the
   * store) instead of the store's {@code file:} URI. Null restores {@code file:} references.
   */
  public ReleasePublisher withReferenceBase(URI base) {
    URI normalized = null;
    if (base != null) {
      String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!Set.of("http", "https", "file").contains(scheme)) {
        throw new IllegalArgumentException("a reference base must be an http:, https: or file: URI, not " + base);
      }
      normalized = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }
    return new ReleasePublisher(clientConfig, topic, channel, serializer, store, timeout, maxMessageBytes, normalized);
  }

  public String topic() {
    return topic;
  }

  public String channel() {
    return channel;
  }

  public ReleaseStore store() {
    return store;
  }

  /**
   * Archives {@code bundle} and publishes it; returns once the broker has acknowledged the record. The bundle is
   * archived first (a reference must resolve before its record exists), so it stays archived when publishing then
   * fails; archiving the same bytes again is a no-op. The bundle is not verified here beyond its manifest: callers
   * that did not build it check it with {@code ReleaseBundle.load} first, as {@code release promote} does.
   *
   * @param action PROMOTE a new release, or ROLLBACK to an earlier one (classifiers treat both the same: the last
   *     record is live; the action tells people reading the history what happened)
   * @throws ReleaseException when an inline record would exceed the topic's max.message.bytes, the topic does not
   *     exist, or the bundle's id is archived with other bytes
   * @throws IOException when the bundle has no readable manifest or cannot be archived
   */
  public PublishedRelease publish(byte[] bundle, ReleaseAction action, ArtifactTransport transport)
      throws IOException {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(transport, "transport");
    ReleaseManifest manifest = ManifestReader.read(bundle);
    ReleaseInfo info = ReleaseInfo.of(manifest);
    StoredRelease stored = store.put(bundle);
    String uri = transport == ArtifactTransport.REFERENCE ? reference(stored) : null;
    ModelRelease release = ModelRelease.newBuilder()
        .setReleaseId(info.releaseId())
        .setCreatedTimestamp(info.createdAt() != null ? info.createdAt() : Instant.now())
        .setParentReleaseId(info.parentReleaseId())
        .setArchitecture(info.architecture())
        .setMetrics(new HashMap<>(info.metrics()))
        .setArtifactUri(uri)
        .setArtifact(transport == ArtifactTransport.INLINE ? ByteBuffer.wrap(bundle) : null)
        .setSha256(stored.sha256())
        .setSizeBytes(bundle.length)
        .setAction(action)
        .build();
    byte[] key = channel.getBytes(StandardCharsets.UTF_8);
    byte[] value = serializer.serialize(topic, release);
    long recordBytes = (long) key.length + value.length + RECORD_OVERHEAD_BYTES;
    int limit = maxMessageBytes != null ? maxMessageBytes : topicMaxMessageBytes();
    if (recordBytes > limit) {
      throw tooLarge(info.releaseId(), bundle.length, recordBytes, limit, transport);
    }
    RecordMetadata ack = send(key, value, recordBytes, info.releaseId(), bundle.length, limit, transport);
    log.info("Published {} {} on {}-{}@{} ({}, {} bytes, sha256 {})", action, info.releaseId(), ack.topic(),
        ack.partition(), ack.offset(), transport, bundle.length, stored.sha256());
    return new PublishedRelease(ack.topic(), ack.partition(), ack.offset(), Instant.ofEpochMilli(ack.timestamp()),
        info.releaseId(), action, transport, uri, stored.sha256(), bundle.length, value.length, stored.path());
  }

  private String reference(StoredRelease stored) {
    if (referenceBase == null) {
      return stored.path().toUri().toString();
    }
    return referenceBase.resolve(stored.path().getFileName().toString()).toString();
  }

  private RecordMetadata send(byte[] key, byte[] value, long recordBytes, String releaseId, long bundleBytes,
      int limit, ArtifactTransport transport) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long requestSize = Math.max(DEFAULT_MAX_REQUEST_SIZE, recordBytes + RECORD_OVERHEAD_BYTES);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, requestSize));
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(DEFAULT_BUFFER_MEMORY, 2 * requestSize));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ferstream-release-publisher-"
        + UUID.randomUUID().toString().substring(0, 8));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReleaseException("interrupted while publishing " + releaseId, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException) {
        throw tooLarge(releaseId, bundleBytes, recordBytes, limit, transport);
      }
      throw new ReleaseException("could not publish " + releaseId + " on " + topic + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  private ReleaseException tooLarge(String releaseId, long bundleBytes, long recordBytes, int limit,
      ArtifactTransport transport) {
    String advice = transport == ArtifactTransport.INLINE
        ? "publish it by reference (--transport reference) or raise the topic's max.message.bytes"
        : "raise the topic's max.message.bytes";
    return new ReleaseException(String.format(java.util.Locale.ROOT,
        "release %s does not fit in a record on %s: the bundle is %,d bytes (%s record about %,d bytes), over the "
            + "topic's %s=%,d (set by %s when FerStream creates the topic); %s",
        releaseId, topic, bundleBytes, transport.name().toLowerCase(java.util.Locale.ROOT), recordBytes,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit, FerStreamConfig.TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES, advice));
  }

  /** The topic's effective max.message.bytes (its own, else the broker's message.max.bytes). */
  private int topicMaxMessageBytes() {
    Map<String, Object> config = new HashMap<>();
    clientConfig.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        config.put(k, v);
      }
    });
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(config)) {
      Config described = admin.describeConfigs(Set.of(resource)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
      ConfigEntry entry = described == null ? null : described.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry == null || entry.value() == null) {
        throw new ReleaseException("topic " + topic + " reports no " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      }
      return Integer.parseInt(entry.value());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReleaseException("interrupted while describing " + topic, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ReleaseException("topic " + topic + " does not exist: create it first (`ferstream topics create` "
            + "makes it compacted, with max.message.bytes from " + FerStreamConfig.TOPIC_MODEL_RELEASES_MAX_MESSAGE_BYTES
            + ")", e.getCause());
      }
      throw new ReleaseException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ReleaseException("timed out after " + timeout + " describing topic " + topic
          + "; is Kafka reachable?", e);
    } catch (KafkaException e) {
      throw new ReleaseException("cannot describe topic " + topic + ": " + e.getMessage(), e);
    }
  }
}
