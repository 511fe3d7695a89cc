package io.ferstream.serde.subject;

import org.apache.avro.Schema;

/**
 * The record's full name ({@code io.ferstream.schemas.FaceCrop}): one lineage per record type, shared by
 * every topic that carries it; lets one topic carry several record types. A primitive schema gives its type
 * name ({@code string}), as Confluent's does.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return schema.getFullName();
  }
}
