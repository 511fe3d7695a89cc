package io.ferstream.serde.subject;

import org.apache.avro.Schema;

/**
 * Chooses the registry subject a record's schema is registered and looked up under. Implementations need a
 * public no-argument constructor to be named in configuration.
 */
@FunctionalInterface
public interface SubjectNameStrategy {

  /**
   * @param topic  the topic the record is written to
   * @param isKey  whether the record is the message key
   * @param schema the record's schema
   */
  String subjectName(String topic, boolean isKey, Schema schema);
}
