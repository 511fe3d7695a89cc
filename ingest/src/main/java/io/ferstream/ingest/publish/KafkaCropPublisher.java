package io.ferstream.ingest.publish;

import io.ferstream.common.topics.Topic;
import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.schemas.FaceCrop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes crops to the face-crops topic, keyed by session id so that a session's crops stay in order on one
 * partition. The producer is idempotent (no duplicates or reordering on retries), compressed and batched (see
 * {@link ProducerSettings}). Every delivery is acknowledged or counted as failed; after the first failure no
 * more crops are accepted, since an idempotent producer that lost a batch would leave a gap in the session.
 */
public final class KafkaCropPublisher implements CropPublisher {

  private final Producer<String, FaceCrop> producer;
  private final String topic;
  private final FaceCrops faceCrops;
  private final IngestStats stats;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaCropPublisher(Producer<String, FaceCrop> producer, String topic, FaceCrops faceCrops, IngestStats stats) {
    this.producer = producer;
    this.topic = topic;
    this.faceCrops = faceCrops;
    this.stats = stats;
  }

  /**
   * A publisher with a new Kafka producer built from {@code producerConfig} (see {@link ProducerSettings}), writing
   * to {@code topic} with its serdes (string keys, Confluent wire-format Avro values).
   */
  public static KafkaCropPublisher create(Map<String, Object> producerConfig, Topic<String, FaceCrop> topic,
                                          FaceCrops faceCrops, IngestStats stats) {
    Producer<String, FaceCrop> producer = new KafkaProducer<>(producerConfig, topic.keySerde().serializer(),
        topic.valueSerde().serializer());
    return new KafkaCropPublisher(producer, topic.name(), faceCrops, stats);
  }

  @Override
  public void publish(Crop crop) throws PublishException {
    Exception failed = failure.get();
    if (failed != null) {
      throw new PublishException("stopped publishing after a failed delivery to " + topic + ": " + describe(failed),
          failed);
    }
    FaceCrop record = faceCrops.toAvro(crop);
    try {
      // No record timestamp: the broker's retention must count from now, not from an old video's frame time.
      producer.send(new ProducerRecord<>(topic, crop.sessionId(), record), (metadata, error) -> {
        if (error == null) {
          stats.cropAcked();
        } else {
          failure.compareAndSet(null, error);
          stats.deliveryFailed(describe(error));
        }
      });
      stats.cropSent();
    } catch (SerializationException e) {
      throw new PublishException("cannot serialize crop for " + topic + " (is the Schema Registry reachable?): "
          + describe(e), e);
    } catch (TimeoutException e) {
      throw new PublishException("Kafka did not answer in time for " + topic + ": " + describe(e), e);
    } catch (KafkaException e) {
      throw new PublishException("cannot publish to " + topic + ": " + describe(e), e);
    }
  }

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
