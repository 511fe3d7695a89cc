package io.ferstream.classifier.topology;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only classes it trusts when it reads specific records; FerStream's generated classes
 * ({@code io.ferstream.schemas.*}) are added to the JVM-wide trusted set, next to whatever is trusted already.
 */
public final class AvroTrust {

  private static final String PACKAGE = "io.ferstream.schemas.";
  private static boolean done;

  private AvroTrust() {}

  public static synchronized void trustFerStreamSchemas() {
    if (done) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        type -> type.getName().startsWith(PACKAGE)));
    done = true;
  }
}
