package io.ferstream.serde.client;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The Schema Registry operations FerStream needs: the ones Confluent's serializers call, plus the
 * administrative ones the CLI uses. Avro only.
 *
 * <p>Every method throws a {@link SchemaRegistryException} (or a subclass naming the error) when the
 * registry refuses, and {@link RegistryUnreachableException} when no registry answered after retries.
 * Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

  /**
   * Registers the schema under the subject ({@code POST /subjects/{subject}/versions}); registering a
   * schema that is already there returns its existing id.
   *
   * @return the registry-wide schema id
   */
  int register(String subject, Schema schema);

  /**
   * Looks up the schema under the subject without registering it ({@code POST /subjects/{subject}}).
   *
   * @throws SubjectNotFoundException if the subject does not exist
   * @throws SchemaNotFoundException  if the schema is not one of the subject's versions
   */
  SchemaMetadata lookup(String subject, Schema schema);

  /** The id of a schema registered under the subject; like {@link #lookup} but answered from cache. */
  default int getId(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  /**
   * The schema with that id ({@code GET /schemas/ids/{id}}).
   *
   * @throws SchemaNotFoundException if no schema has that id
   */
  Schema getSchemaById(int id);

  /** The latest version of the subject ({@code GET /subjects/{subject}/versions/latest}). */
  SchemaMetadata getLatestSchemaMetadata(String subject);

  /** One version of the subject ({@code GET /subjects/{subject}/versions/{version}}). */
  SchemaMetadata getSchemaMetadata(String subject, int version);

  /** Every subject that has a live version ({@code GET /subjects}). */
  List<String> getAllSubjects();

  /**
   * Whether the schema could be registered as the subject's next version under its compatibility level
   * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
   */
  boolean testCompatibility(String subject, Schema schema);

  /** The registry-wide default compatibility level ({@code GET /config}). */
  CompatibilityLevel getGlobalCompatibility();

  /** Sets the registry-wide default compatibility level ({@code PUT /config}). */
  CompatibilityLevel updateGlobalCompatibility(CompatibilityLevel level);

  /**
   * The subject's compatibility level ({@code GET /config/{subject}?defaultToGlobal=true}): its own if set,
   * else the global one.
   */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets the subject's compatibility level ({@code PUT /config/{subject}}). */
  CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level);

  /**
   * Deletes every version of the subject ({@code DELETE /subjects/{subject}}). A soft delete hides the
   * versions but keeps their ids readable; {@code permanent} (a hard delete, allowed only after a soft one)
   * removes them.
   *
   * @return the versions deleted
   */
  List<Integer> deleteSubject(String subject, boolean permanent);
}
