package io.ferstream.ingest.publish;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks before the first frame is decoded that Kafka answers and the topic exists, so that a wrong address
 * or a missing topic is one clear line instead of a minute of blocked sends (brokers of a FerStream stack do not
 * auto-create topics).
 */
public final class TopicCheck {

  private TopicCheck() {
  }

  /** @return the topic's partition count */
  public static int require(Map<String, Object> adminConfig, String topic) throws PublishException {
    String servers = String.valueOf(adminConfig.get("bootstrap.servers"));
    try (Admin admin = Admin.create(adminConfig)) {
      return admin.describeTopics(Set.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic)
          .partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new PublishException("topic '" + topic + "' does not exist on " + servers
            + "; create it with `ferstream topics create` (or start `ferstream stack`)", e.getCause());
      }
      throw new PublishException("cannot check topic '" + topic + "' on " + servers + ": "
          + KafkaCropPublisher.describe(e.getCause()), e.getCause());
    } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      throw new PublishException("Kafka at " + servers + " did not answer within 20 s; is it running "
          + "(`ferstream stack`) and is --bootstrap-servers right?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while checking topic " + topic, e);
    }
  }
}
