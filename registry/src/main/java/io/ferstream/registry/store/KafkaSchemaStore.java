package io.ferstream.registry.store;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores every change as a record in a single-partition compacted topic ({@code _schemas}), the way
 * Confluent's KafkaStore does, and materializes them into a {@link RegistryState}.
 *
 * <ul>
 *   <li>One partition: the log order <em>is</em> the registry's history; ids and versions are
 *       derived from it, so it must be totally ordered.</li>
 *   <li>Compacted, keyed per subject-version / config / mode: only the latest record per key matters;
 *       hard deletes are tombstones.</li>
 *   <li>Writes are read-your-writes: {@link #put} produces, then waits until this store's own reader
 *       has consumed past the record's offset, so the state already reflects it when the HTTP answer
 *       goes out.</li>
 *   <li>On {@link #init} the reader replays the topic from the beginning up to the end offset seen at
 *       start, so a restarted registry has the same ids, versions, deletes and configs.</li>
 * </ul>
 */
public final class KafkaSchemaStore implements SchemaStore {
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final int PARTITION = 0;

    private final String bootstrapServers;
    private final String topic;
    private final short replicationFactor;
    private final Duration timeout;
    private final Duration initTimeout;
    private final Map<String, Object> clientProperties;
    private final TopicPartition partition;
    private final RegistryState state = new RegistryState();

    private final Object progress = new Object();
    /** Next offset the reader will apply (guarded by {@link #progress}). */
    private long appliedPosition;
    /** Set when the reader thread died (guarded by {@link #progress}). */
    private Throwable readerFailure;

    private volatile boolean running;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;

    private KafkaSchemaStore(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.topic = builder.topic;
        this.replicationFactor = builder.replicationFactor;
        this.timeout = builder.timeout;
        this.initTimeout = builder.initTimeout;
        this.clientProperties = Map.copyOf(builder.clientProperties);
        this.partition = new TopicPartition(topic, PARTITION);
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    public String topic() {
        return topic;
    }

    @Override
    public synchronized void init() {
        if (running) {
            return;
        }
        try {
            ensureTopic();
            producer = new KafkaProducer<>(producerProperties());
            consumer = new KafkaConsumer<>(consumerProperties());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long endAtStart = consumer.endOffsets(List.of(partition), timeout).get(partition);
            running = true;
            reader = new Thread(this::readLoop, "schema-registry-reader-" + topic);
            reader.setDaemon(true);
            reader.start();
            awaitApplied(endAtStart, initTimeout, "loading " + topic);
            LOG.info("Schema store loaded {} up to offset {} (max schema id {})", topic, endAtStart, state.maxId());
        } catch (StoreException e) {
            close();
            throw e;
        } catch (KafkaException e) {
            close();
            throw new StoreException("Cannot load " + topic + " from " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(StoreKey key, StoreValue value) {
        if (!running) {
            throw new StoreException("Kafka schema store is not running");
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, PARTITION,
                StoreRecordCodec.encodeKey(key), StoreRecordCodec.encodeValue(value));
        RecordMetadata written;
        try {
            written = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new StoreTimeoutException("Write to " + topic + " was not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new StoreException("Write to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (KafkaException e) {
            throw new StoreException("Write to " + topic + " failed: " + e.getMessage(), e);
        }
        awaitApplied(written.offset() + 1, timeout, "reading back offset " + written.offset());
    }

    @Override
    public RegistryState state() {
        return state;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader = null;
        } else if (consumer != null) {
            // init failed before the reader took ownership of the consumer.
            consumer.close(Duration.ofSeconds(5));
        }
        consumer = null;
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }

    private void readLoop() {
        KafkaConsumer<byte[], byte[]> consumer = this.consumer;
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    applyRecord(record);
                }
                // position(), not last offset + 1: compaction and transaction markers leave gaps.
                long position = consumer.position(partition);
                synchronized (progress) {
                    appliedPosition = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping record without key at {}@{}", topic, record.offset());
            return;
        }
        try {
            Optional<StoreKey> key = StoreRecordCodec.decodeKey(record.key());
            if (key.isEmpty()) {
                LOG.debug("Skipping record of a key type this registry does not use at {}@{}", topic, record.offset());
                return;
            }
            state.apply(key.get(), StoreRecordCodec.decodeValue(key.get(), record.value()));
        } catch (RuntimeException e) {
            // One unreadable record must not stop the registry from serving everything else.
            LOG.error("Skipping unreadable record at {}@{}: {}", topic, record.offset(), e.getMessage());
        }
    }

    private void fail(Throwable e) {
        LOG.error("Schema store reader for {} stopped", topic, e);
        synchronized (progress) {
            readerFailure = e;
            progress.notifyAll();
        }
    }

    private void awaitApplied(long target, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (progress) {
            while (appliedPosition < target) {
                if (readerFailure != null) {
                    throw new StoreException("Kafka store reader failed while " + what, readerFailure);
                }
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new StoreTimeoutException("Timed out after " + limit + " " + what
                            + " (applied up to " + appliedPosition + ", need " + target + ")");
                }
                try {
                    progress.wait(remainingMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("Interrupted while " + what, e);
                }
            }
        }
    }

    /** Creates the topic if absent; refuses one that would break ordering or lose history. */
    private void ensureTopic() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Admin admin = Admin.create(props);
        try {
            Optional<TopicDescription> existing = describe(admin);
            if (existing.isEmpty()) {
                create(admin);
                return;
            }
            int partitions = existing.get().partitions().size();
            if (partitions != 1) {
                throw new StoreException("Topic " + topic + " must have exactly 1 partition, has " + partitions);
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                    || policy.value().contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
                throw new StoreException("Topic " + topic + " must have cleanup.policy=compact, has "
                        + (policy == null ? "none" : policy.value()) + "; time-based deletion would lose schemas");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while checking topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("Cannot check topic " + topic + " on " + bootstrapServers + ": " + e, e);
        } finally {
            // Bounded: a call still pending against an unreachable cluster must not hold up the failure.
            admin.close(Duration.ofSeconds(5));
        }
    }

    private Optional<TopicDescription> describe(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void create(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created compacted topic {} (1 partition, replication factor {})", topic, replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another registry instance created it at the same time: fine.
        }
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-producer-" + topic);
        // Every write must be on all in-sync replicas before we answer; idempotence keeps retries from
        // duplicating or reordering records in the single ordered log.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // send() must not block longer than a write may take in total.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + topic);
        // assign(), no group: every instance reads the whole log and nothing is ever committed.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** Settings for {@link KafkaSchemaStore}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private short replicationFactor = 1;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration initTimeout = Duration.ofSeconds(60);
        private final Map<String, Object> clientProperties = new HashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** Topic holding the registry's log; default {@value #DEFAULT_TOPIC}. */
        public Builder topic(String name) {
            this.topic = Objects.requireNonNull(name, "topic");
            return this;
        }

        /** Replication factor used when the topic has to be created; default 1 (single broker). */
        public Builder replicationFactor(int factor) {
            if (factor < 1 || factor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("replication factor must be >= 1: " + factor);
            }
            this.replicationFactor = (short) factor;
            return this;
        }

        /** How long one write may take to be acknowledged and read back; default 30 s. */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** How long loading the topic on start may take; default 60 s. */
        public Builder initTimeout(Duration value) {
            this.initTimeout = Objects.requireNonNull(value, "initTimeout");
            return this;
        }

        /** Extra Kafka client setting (security, for instance) passed to admin, producer and consumer. */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(key, value);
            return this;
        }

        public KafkaSchemaStore build() {
            return new KafkaSchemaStore(this);
        }
    }
}
