package io.ferstream.serde.subject;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves a strategy named in configuration. Confluent's class names are accepted although Confluent's
 * jars are not on the classpath, so a configuration written for Confluent's serdes works unchanged; so are
 * this package's class names, short names, and any class implementing {@link SubjectNameStrategy}.
 */
public final class SubjectNameStrategies {

  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

  private static final Map<String, Supplier<SubjectNameStrategy>> KNOWN = Map.ofEntries(
      Map.entry("topicnamestrategy", TopicNameStrategy::new),
      Map.entry("topic", TopicNameStrategy::new),
      Map.entry("recordnamestrategy", RecordNameStrategy::new),
      Map.entry("record", RecordNameStrategy::new),
      Map.entry("topicrecordnamestrategy", TopicRecordNameStrategy::new),
      Map.entry("topic-record", TopicRecordNameStrategy::new),
      Map.entry("topicrecord", TopicRecordNameStrategy::new));

  private SubjectNameStrategies() {
  }

  /**
   * @param name a short name ({@code topic}, {@code record}, {@code topic-record}, or the simple class names),
   *             a Confluent or FerStream class name of one of those, or the name of another implementation
   * @throws IllegalArgumentException if the name resolves to nothing usable
   */
  public static SubjectNameStrategy resolve(String name) {
    if (name == null || name.isBlank()) {
      return new TopicNameStrategy();
    }
    String trimmed = name.strip();
    String simple = trimmed;
    if (trimmed.startsWith(CONFLUENT_PACKAGE) || trimmed.startsWith(SubjectNameStrategies.class.getPackageName() + ".")) {
      simple = trimmed.substring(trimmed.lastIndexOf('.') + 1);
    }
    Supplier<SubjectNameStrategy> known = KNOWN.get(simple.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known.get();
    }
    return instantiate(trimmed);
  }

  private static SubjectNameStrategy instantiate(String className) {
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(className, true, loader != null ? loader : SubjectNameStrategies.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Unknown subject name strategy '" + className
          + "': expected topic, record, topic-record, Confluent's or FerStream's class name, or a class implementing "
          + SubjectNameStrategy.class.getName(), e);
    }
    if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("Subject name strategy " + className + " does not implement "
          + SubjectNameStrategy.class.getName());
    }
    try {
      return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Cannot instantiate subject name strategy " + className
          + " (a public no-argument constructor is required)", e);
    }
  }
}
