package io.ferstream.serde;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load a class named by a schema (a generated record read by
 * {@code SpecificDatumReader}, including nested records) unless the class is trusted, to stop a crafted
 * schema from instantiating arbitrary classes. Generated classes must therefore be trusted explicitly.
 * This adds trusted packages to Avro's process-wide validator, keeping whatever it trusted before (the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property included).
 */
public final class AvroClassTrust {

  private static final Set<String> PACKAGES = ConcurrentHashMap.newKeySet();
  private static boolean installed;

  private AvroClassTrust() {
  }

  /** Trusts the classes of these packages and of their sub-packages. Idempotent and cheap to call again. */
  public static synchronized void trustPackages(Collection<String> packages) {
    packages.stream().map(String::strip).filter(p -> !p.isEmpty()).forEach(PACKAGES::add);
    if (!installed) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
          AvroClassTrust::isTrusted));
      installed = true;
    }
  }

  /** Whether a class is in a package trusted here (Avro's own defaults are checked by Avro). */
  public static boolean isTrusted(Class<?> type) {
    String name = type.getName();
    return PACKAGES.stream().anyMatch(p -> name.startsWith(p + "."));
  }
}
