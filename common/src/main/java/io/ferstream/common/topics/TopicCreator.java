package io.ferstream.common.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;

/** Creates topics that do not exist yet; existing topics are left as they are and reported. */
public final class TopicCreator {

  /** What happened to each requested topic. */
  public record Outcome(TopicSpec spec, boolean created) {}

  private final Admin admin;
  private final long timeoutMs;

  public TopicCreator(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  public List<Outcome> createMissing(Collection<TopicSpec> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> toCreate = new ArrayList<>();
      List<Outcome> outcomes = new ArrayList<>();
      for (TopicSpec spec : specs) {
        boolean missing = !existing.contains(spec.name());
        if (missing) {
          toCreate.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()));
        }
        outcomes.add(new Outcome(spec, missing));
      }
      if (!toCreate.isEmpty()) {
        admin.createTopics(toCreate).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new KafkaException("Could not create topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("Timed out after " + timeoutMs + " ms creating topics; is Kafka reachable?", e);
    }
  }
}
