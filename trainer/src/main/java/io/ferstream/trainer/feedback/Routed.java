package io.ferstream.trainer.feedback;

/**
 * What a feedback processor emits: a value to pass on, or a dead letter (the original key and value bytes; the
 * error headers travel as the record's headers). {@link FeedbackTopology} splits the two.
 *
 * @param <V> the type passed on
 */
sealed interface Routed<V> permits Routed.Pass, Routed.DeadLetter {

  record Pass<V>(V value) implements Routed<V> {}

  record DeadLetter<V>(byte[] key, byte[] value) implements Routed<V> {}
}
