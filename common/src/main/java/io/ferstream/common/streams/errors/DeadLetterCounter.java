package io.ferstream.common.streams.errors;

import java.util.Map;

/**
 * Counts dead letters. Kafka Streams instantiates the exception handlers itself; the application hands them its
 * counter through the Streams properties under {@link #CONFIG_KEY}.
 */
@FunctionalInterface
public interface DeadLetterCounter {

  /** Streams property whose value is the {@link DeadLetterCounter} instance the handlers report to. */
  String CONFIG_KEY = "ferstream.streams.dead.letter.counter";

  DeadLetterCounter NONE = stage -> { };

  void deadLettered(DeadLetters.Stage stage);

  /** The counter found in the handler's configs, or {@link #NONE}. */
  static DeadLetterCounter from(Map<String, ?> configs) {
    return configs.get(CONFIG_KEY) instanceof DeadLetterCounter c ? c : NONE;
  }
}
