package io.ferstream.serde.client;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility rules expressed with Avro's own reader/writer resolution check. */
public final class AvroCompatibility {

  private AvroCompatibility() {
  }

  /**
   * Checks a candidate schema against a subject's earlier versions.
   *
   * @param previous earlier versions, newest first; non-transitive levels look at the first only
   * @return why the candidate is incompatible; empty when it is compatible
   */
  public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> previous) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return problems;
    }
    List<Schema> against = level.isTransitive() ? previous : previous.subList(0, 1);
    for (Schema earlier : against) {
      if (level.checksBackward()) {
        check(candidate, earlier, "new schema cannot read data written with an earlier one", problems);
      }
      if (level.checksForward()) {
        check(earlier, candidate, "an earlier schema cannot read data written with the new one", problems);
      }
    }
    return problems;
  }

  /** Whether data written with {@code writer} can be read with {@code reader}. */
  public static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  private static void check(Schema reader, Schema writer, String what, List<String> problems) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(what + ": " + result.getResult().getIncompatibilities());
    }
  }
}
