package io.ferstream.serde.subject;

import org.apache.avro.Schema;

/**
 * {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (Confluent's default), so the
 * registry enforces compatibility on everything a topic carries.
 */
public final class TopicNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return topic + (isKey ? "-key" : "-value");
  }
}
