package io.ferstream.serde.subject;

import org.apache.avro.Schema;

/**
 * {@code <topic>-<record full name>}: one lineage per record type per topic, for topics that carry several
 * record types whose evolution must not leak between topics.
 */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return topic + "-" + schema.getFullName();
  }
}
