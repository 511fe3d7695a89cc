package io.ferstream.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/**
 * Accumulates the records of one topic, read from the beginning of every partition without a consumer group
 * (partitions are assigned, not subscribed: no rebalance delay). Isolation follows the given consumer config
 * ({@code read_committed} from {@link KafkaCluster#collector}).
 *
 * <p>Safe to use from Awaitility conditions (calls are serialized):
 * <pre>{@code
 * try (RecordCollector<String, String> out = cluster.collector(topic, new StringDeserializer(), new StringDeserializer())) {
 *     await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(out.poll()).hasSize(3));
 * }
 * }</pre>
 */
public final class RecordCollector<K, V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(1);

    private final String topic;
    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    private boolean assigned;
    private boolean closed;

    RecordCollector(Map<String, Object> consumerConfig, String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.topic = Objects.requireNonNull(topic, "topic");
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "collector-" + topic);
        this.consumer = new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /**
     * Polls once (briefly) and returns a copy of every record collected so far. Before the topic exists it
     * returns the empty list.
     */
    public synchronized List<ConsumerRecord<K, V>> poll() {
        if (closed) {
            throw new IllegalStateException("collector closed");
        }
        if (!assigned) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                // no metadata yet (first connection, or the topic does not exist): try again on the next poll
                return List.copyOf(records);
            }
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(records);
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            assigned = true;
        }
        consumer.poll(POLL).forEach(records::add);
        return List.copyOf(records);
    }

    /** The records collected so far, without polling. */
    public synchronized List<ConsumerRecord<K, V>> records() {
        return List.copyOf(records);
    }

    /** The values collected so far, without polling. */
    public synchronized List<V> values() {
        return KafkaCluster.values(records);
    }

    /**
     * Polls until at least {@code count} records were collected, for at most {@code timeout}.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when fewer arrived in time
     */
    public List<ConsumerRecord<K, V>> awaitAtLeast(int count, Duration timeout) {
        Awaitility.await("at least " + count + " records on " + topic)
                .atMost(timeout)
                .pollInterval(Duration.ZERO)
                .pollDelay(Duration.ZERO)
                .pollInSameThread()
                .until(() -> poll().size() >= count);
        return records();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
